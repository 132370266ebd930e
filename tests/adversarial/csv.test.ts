import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/parse-csv.ts';
import { caught } from './errors.ts';

const columns = { date: 'date', v: 'number', n: 'integer', s: 'string' } as const;
const opts = { file: 'x.csv', loc: 'data/x.csv', columns, dateColumn: 'date' };
const csv = (text: string) => parseCsv(text, opts);

describe('adversarial CSV', () => {
  it('a BOM before the header is not part of the first column name', () => {
    const t = csv('\ufeffdate,v,n,s\n2026-01-02,1,1,a\n');
    expect(Object.keys(t.columns)).toEqual(['date', 'v', 'n', 's']);
    expect(t.rows[0]!.date).toBe('2026-01-02');
  });

  it('CRLF line ends give the same rows and lines as LF', () => {
    const lf = csv('date,v,n,s\n2026-01-02,1,1,a\n2026-01-05,2,2,b\n');
    const crlf = csv('date,v,n,s\r\n2026-01-02,1,1,a\r\n2026-01-05,2,2,b\r\n');
    expect(crlf.rows).toEqual(lf.rows);
    expect(crlf.lines).toEqual([2, 3]);
  });

  it('quoted newlines (LF, CRLF, lone CR) keep the lines of later rows right', () => {
    const t = csv('date,v,n,s\n2026-01-02,1,1,"a\nb"\n2026-01-03,1,1,"c\r\nd\r\ne"\n2026-01-04,1,1,"f\rg"\n2026-01-05,1,1,h\n');
    expect(t.lines).toEqual([2, 4, 7, 9]);
    expect(t.rows[1]!.s).toBe('c\r\nd\r\ne');
    expect(caught(() => csv('date,v,n,s\n2026-01-02,1,1,"a\n\nb"\n2026-01-03,oops,1,c\n')).loc).toEqual({ file: 'data/x.csv', line: 5, column: 2 });
  });

  it('a thousands separator is refused at its cell, with the fix', () => {
    const e = caught(() => csv('date,v,n,s\n2026-01-02,"12,345.6",1,a\n'));
    expect(e.message).toBe('data/x.csv:2:2: Column "v" is declared number, but the cell holds "12,345.6".');
    expect(e.hint).toContain('no thousands separators (1234.5)');
  });

  it('an unquoted thousands separator shows up as a ragged row, and the hint says to quote', () => {
    const e = caught(() => csv('date,v,n,s\n2026-01-02,12,345,1,a\n'));
    expect(e.message).toBe('data/x.csv:2:5: Row at line 2 of x.csv has 5 cells; the header has 4.');
    expect(e.hint).toMatch(/quote a cell that holds a comma/);
  });

  it('a short row names its line and the first missing cell', () => {
    const e = caught(() => csv('date,v,n,s\n2026-01-02,1,1,a\n2026-01-05,2\n'));
    expect(e.loc).toEqual({ file: 'data/x.csv', line: 3, column: 3 });
    expect(e.message).toContain('has 2 cells; the header has 4');
  });

  it('a duplicate header names both cells, even when spaces hide it', () => {
    const e = caught(() => csv('date,v, v,n,s\n'));
    expect(e.message).toBe('data/x.csv:1:3: x.csv has the column "v" twice in its header (cells 2 and 3).');
  });

  it('an empty header cell (a trailing comma) is refused, not read as a column named ""', () => {
    const e = caught(() => csv('date,v,n,s,\n2026-01-02,1,1,a,\n'));
    expect(e.message).toBe('data/x.csv:1:5: x.csv: header cell 5 is empty; every column needs a name (a trailing comma? remove it from every line).');
  });

  it('a declared column missing from the header names the closest header', () => {
    const e = caught(() => csv('date,value,n,s\n'));
    expect(e.message).toMatch(/^data\/x\.csv:1: No column "v" in x\.csv\./);
    expect(e.hint).toBe('Columns of x.csv (declared in data/manifest.yaml): date, value, n, s.');
    const e2 = caught(() => parseCsv('date,prise\n', { ...opts, columns: { date: 'date', price: 'number' } }));
    expect(e2.message).toBe('data/x.csv:1: No column "price" in x.csv. Did you mean "prise"?');
  });

  it('empty cells are missing values (null), never zero or ""', () => {
    const t = csv('date,v,n,s\n2026-01-02,, ,\n');
    expect(t.rows[0]).toEqual({ date: '2026-01-02', v: null, n: null, s: null });
  });

  it.each(['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e999', 'N/A', 'NA', '-', '—', '1.2.3', '0x1F', '12%', '$5', '1 000'])('the text %j in a number column is refused', (bad) => {
    const e = caught(() => csv(`date,v,n,s\n2026-01-02,${JSON.stringify(bad)},1,a\n`));
    expect(e.message).toBe(`data/x.csv:2:2: Column "v" is declared number, but the cell holds ${JSON.stringify(bad)}.`);
    expect(e.hint).toContain('leave the cell empty for a missing value');
  });

  it('signs, exponents and a negative zero in numbers read as written', () => {
    const t = csv('date,v,n,s\n2026-01-02,+1.5e3,-0,a\n2026-01-03,.5,007,b\n');
    expect(t.rows.map((r) => [r.v, r.n])).toEqual([[1500, 0], [0.5, 7]]);
    expect(Object.is(t.rows[0]!.n, -0)).toBe(false);
  });

  it.each(['01/02/2026', '2/1/2026', '2026/01/02', '20260102', '2026-1-2', 'Jan 2, 2026', '2026-01-02T00:00:00Z', '2026-02-29', '2026-13-01'])('the date %j is refused with the YYYY-MM-DD hint', (d) => {
    const e = caught(() => csv(`date,v,n,s\n${d.includes(',') ? JSON.stringify(d) : d},1,1,a\n`));
    expect(e.loc).toEqual({ file: 'data/x.csv', line: 2, column: 1 });
    expect(e.hint).toMatch(/^Dates are calendar dates written YYYY-MM-DD, e.g. 2026-01-21\./);
    // A cell that is a date in another common format gets the manifest line to declare it; a day that does not exist gets none.
    if (d === '2026-02-29' || d === '2026-13-01') expect(e.hint).toBe('Dates are calendar dates written YYYY-MM-DD, e.g. 2026-01-21.');
    else expect(e.hint).toMatch(/reads as a date in .*`date: \{ type: date, format: "[^"]+" \}`/);
  });

  it('a leap day and a DST-change day stay the day written', () => {
    const t = csv('date,v,n,s\n2024-02-29,1,1,a\n2026-03-08,1,1,b\n2026-11-01,1,1,c\n');
    expect(t.rows.map((r) => r.date)).toEqual(['2024-02-29', '2026-03-08', '2026-11-01']);
  });

  it('a header-only file is an empty table; an empty file has no header', () => {
    expect(csv('date,v,n,s\n').rows).toEqual([]);
    expect(caught(() => csv('')).message).toBe('data/x.csv:1: x.csv has no header row.');
  });
});
