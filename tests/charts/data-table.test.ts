import { describe, expect, it } from 'vitest';
import { buildDataTable, EDGE_ROWS, MAX_TABLE_ROWS, tableCsv } from '../../src/charts/data-table.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ day: i + 1, v: i * 1.5 }));

describe('the data table behind a chart', () => {
  it('shows a table of up to MAX_TABLE_ROWS rows whole', () => {
    const t = buildDataTable(rows(MAX_TABLE_ROWS), ['day', 'v']);
    expect(t.rows).toHaveLength(MAX_TABLE_ROWS);
    expect(t).toMatchObject({ head: MAX_TABLE_ROWS, omitted: 0 });
  });

  it('shows a longer table by its first and last rows, and counts the rest', () => {
    const t = buildDataTable(rows(1_000), ['day', 'v']);
    expect(t.rows).toHaveLength(2 * EDGE_ROWS);
    expect(t.head).toBe(EDGE_ROWS);
    expect(t.omitted).toBe(1_000 - 2 * EDGE_ROWS);
    expect(t.rows[0]).toEqual(['1', '0']);
    expect(t.rows[EDGE_ROWS - 1]![0]).toBe(String(EDGE_ROWS));
    expect(t.rows[EDGE_ROWS]![0]).toBe(String(1_000 - EDGE_ROWS + 1));
    expect(t.rows.at(-1)).toEqual(['1000', '1498.5']);
  });

  it('keeps a column that the first record omits', () => {
    const t = buildDataTable([{ a: 1 }, { a: 2, b: 'x' }], []);
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows).toEqual([['1', ''], ['2', 'x']]);
  });
});

describe('the CSV of every row', () => {
  it('writes every column of every row, quoting what CSV needs quoted', () => {
    const csv = tableCsv([
      { date: '2026-01-02', name: 'Smith, "J"', v: 0.1 + 0.2 },
      { date: '2026-01-03', name: 'line\nbreak', v: null, extra: true },
    ]);
    expect(csv).toBe('date,name,v,extra\r\n2026-01-02,"Smith, ""J""",0.30000000000000004,\r\n2026-01-03,"line\nbreak",,true\r\n');
  });

  it('keeps a spreadsheet from running a text cell as a formula', () => {
    expect(tableCsv([{ note: '=HYPERLINK("http://x")', n: -3 }])).toBe(`note,n\r\n"'=HYPERLINK(""http://x"")",-3\r\n`);
    expect(tableCsv([{ note: '@SUM(A1)' }])).toBe(`note\r\n'@SUM(A1)\r\n`);
  });

  it('is a header alone for no rows', () => {
    expect(tableCsv([])).toBe('\r\n');
  });
});

describe('the CSV, written line by line', () => {
  // The CSV as it was first written (cells as arrays, joined): the same bytes for any rows.
  const reference = (rows: readonly Record<string, unknown>[]): string => {
    const keys = new Set<string>();
    for (const r of rows) for (const k in r) keys.add(k);
    const cols = [...keys];
    const cell = (v: unknown): string => {
      if (v === null || v === undefined) return '';
      let text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
      if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return [cols.map(cell), ...rows.map((r) => cols.map((c) => cell(r[c])))].map((line) => line.join(',')).join('\r\n') + '\r\n';
  };
  const values: unknown[] = [0, -0, -1.5, 1e21, 1e-7, NaN, Infinity, -Infinity, 0.1 + 0.2, '', 'plain', '-3', '+x', '=1', '@a', '\tt', '\rr', 'a,b', 'q"q', 'l\nl', true, false, null, undefined, { o: 'a,"b"' }, [1, 'x'], () => 1];

  it('writes the bytes the cell-by-cell CSV wrote, whatever the cells hold', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rows = Array.from({ length: 500 }, () => {
      const row: Record<string, unknown> = {};
      for (const key of ['a', 'b,c', 'd"e', '=f', 'g']) if (next() < 0.8) row[key] = values[Math.floor(next() * values.length)];
      return row;
    });
    expect(tableCsv(rows)).toBe(reference(rows));
    for (const v of values) expect(tableCsv([{ v }, { w: v }])).toBe(reference([{ v }, { w: v }]));
  });

  it('gives the table its own list of columns, apart from the CSV of the same rows', () => {
    const same = [{ a: 1, b: 2 }];
    const table = buildDataTable(same, []);
    table.columns.push('changed');
    expect(tableCsv(same)).toBe('a,b\r\n1,2\r\n');
    expect(buildDataTable(same, []).columns).toEqual(['a', 'b']);
  });
});
