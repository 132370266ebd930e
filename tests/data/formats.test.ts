import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TallyError } from '../../src/core/errors.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { checkDataFiles } from '../../src/data/check-data-files.ts';
import { loadDataFile } from '../../src/data/load-table.ts';
import { readManifest } from '../../src/data/manifest.ts';
import { closeSql } from '../../src/data/sql/instance.ts';
import { runSql } from '../../src/data/sql/run-sql.ts';
import { tableRef } from '../../src/data/sql/views.ts';
import { makeContext } from '../../src/figures/compute-figures.ts';
import { tempProject } from '../helpers/data-dir.ts';

const loc = { file: 'content/issues/a/figures.ts', line: 3, column: 5 };
const asOf = '2000-01-31' as CalendarDate;

/** A manifest entry written as an author would, with a YAML body for the reading fields. */
function entry(file: string, body: string): string {
  return `${file}:\n  title: ${file}\n  source: Test\n  url: https://example.com/${file}\n  licence: CC0-1.0\n  retrieved: 2026-01-01\n  illustrative: false\n${body}`;
}

/** `select … from ${t.table(file)} …` as a figure runs it, at the asOf above. */
async function sql(file: string, before: string, after = ''): Promise<Record<string, unknown>[]> {
  const strings = Object.assign([before, after], { raw: [before, after] }) as unknown as TemplateStringsArray;
  return (await runSql(strings, [tableRef(file, false, loc)], asOf, loc)).rows;
}

const rowsOf = (file: string) => makeContext(asOf, loc).data(file).rows().map((r) => ({ ...r }));

afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_MAX_DATA_MB;
});
afterAll(() => closeSql());

describe('declared date formats', () => {
  const MONTHLY = 'date,close\r\nJan 1 2000,10\r\nJan 15 2000,11\r\nFeb 1 2000,12\r\n';

  it('reads "Jan 1 2000" with "%b %d %Y" as calendar dates, cut at the asOf, the same in t.data and t.sql', async () => {
    tempProject({ 'data/manifest.yaml': entry('m.csv', '  columns:\n    date: { type: date, format: "%b %d %Y" }\n    close: number\n'), 'data/m.csv': MONTHLY });
    expect(rowsOf('m.csv')).toEqual([
      { date: '2000-01-01', close: 10 },
      { date: '2000-01-15', close: 11 },
    ]);
    expect(await sql('m.csv', 'select date, close from ', ' order by date')).toEqual([
      { date: '2000-01-01', close: 10 },
      { date: '2000-01-15', close: 11 },
    ]);
  });

  it('takes the day of a timestamp with an offset in the declared time zone, at the day boundary', async () => {
    const text = 'ts,v\r\n2000-01-31T03:00:00Z,1\r\n2000-01-31T05:30:00Z,2\r\n2000-02-01T04:59:00Z,3\r\n2000-02-01T05:00:00Z,4\r\n2000-01-31T22:00:00-05:00,5\r\n';
    const columns = (zone: string) => `  columns:\n    ts: { type: date, format: "%Y-%m-%dT%H:%M:%S%Z", timezone: ${zone} }\n    v: integer\n`;
    tempProject({ 'data/manifest.yaml': entry('t.csv', columns('America/New_York')), 'data/t.csv': text });
    // In New York, 03:00Z on the 31st is the 30th; 04:59Z on Feb 1 is still Jan 31; 05:00Z is Feb 1.
    const ny = [
      { ts: '2000-01-30', v: 1 },
      { ts: '2000-01-31', v: 2 },
      { ts: '2000-01-31', v: 3 },
      { ts: '2000-01-31', v: 5 },
    ];
    expect(rowsOf('t.csv')).toEqual(ny);
    expect(await sql('t.csv', 'select ts, v from ', ' order by ts, v')).toEqual(ny);
    tempProject({ 'data/manifest.yaml': entry('t.csv', columns('UTC')), 'data/t.csv': text });
    expect(rowsOf('t.csv').map((r) => r.v)).toEqual([1, 2]);
    expect((await sql('t.csv', 'select v from ', ' order by v')).map((r) => r.v)).toEqual([1, 2]);
  });

  it('refuses a date its format does not give exactly (no rolling Feb 30 into March), at its line and column', () => {
    tempProject({ 'data/manifest.yaml': entry('m.csv', '  columns:\n    date: { type: date, format: "%b %d %Y" }\n    close: number\n'), 'data/m.csv': 'date,close\r\nJan 1 2000,10\r\nFeb 30 2000,11\r\n' });
    try {
      loadDataFile('m.csv', loc);
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; hint: string; where: object };
      expect(err.where).toMatchObject({ file: 'data/m.csv', line: 3, column: 1 });
      expect(err.message).toContain('Column "date" is declared date "%b %d %Y", but the cell holds "Feb 30 2000"');
      expect(err.hint).toContain('in the format "%b %d %Y"');
    }
  });

  it('refuses a format, a time zone or a zone without an offset it cannot use, at the manifest line', () => {
    const cases: [string, RegExp][] = [
      ['{ type: date, format: "%Y-%q" }', /the format "%Y-%q" uses %q, which Tally does not read/],
      ['{ type: date, format: "%H:%M" }', /has no year/],
      ['{ type: number, format: "%Y" }', /a format applies to dates only/],
      ['{ type: date, format: "%Y-%m-%d %H:%M", timezone: UTC }', /a time zone applies to timestamps written with their UTC offset/],
      ['{ type: date, format: "%Y-%m-%dT%H:%M%Z", timezone: Mars/Olympus }', /"Mars\/Olympus" is not a time zone name/],
    ];
    for (const [column, message] of cases) {
      tempProject({ 'data/manifest.yaml': entry('m.csv', `  columns:\n    date: ${column}\n`), 'data/m.csv': 'date\r\n' });
      expect(() => readManifest(), column).toThrow(message);
      try {
        readManifest();
      } catch (e) {
        expect((e as { where: { line: number } }).where.line, column).toBe(9);
      }
    }
  });
});

describe('file formats', () => {
  it('reads TSV, and CSV with a declared delimiter, in t.data and t.sql alike', async () => {
    tempProject({
      'data/manifest.yaml': entry('a.tsv', '  columns:\n    date: date\n    v: number\n') + entry('b.csv', '  delimiter: ";"\n  columns:\n    date: date\n    v: number\n'),
      'data/a.tsv': 'date\tv\r\n2000-01-03\t1.5\r\n2000-01-04\t"2"\r\n',
      'data/b.csv': 'date;v\r\n2000-01-03;3\r\n2000-01-04;4.25\r\n',
    });
    expect(rowsOf('a.tsv').map((r) => r.v)).toEqual([1.5, 2]);
    expect(rowsOf('b.csv').map((r) => r.v)).toEqual([3, 4.25]);
    expect(await sql('a.tsv', 'select sum(v) as s from ')).toEqual([{ s: 3.5 }]);
    expect(await sql('b.csv', 'select sum(v) as s from ')).toEqual([{ s: 7.25 }]);
  });

  it('reads NDJSON whose records omit keys (a missing value) and nest fields (a path), with each record\'s line', async () => {
    tempProject({
      'data/manifest.yaml': entry('e.ndjson', '  columns:\n    date: date\n    close: { type: number, path: stats.close }\n    note: string\n'),
      'data/e.ndjson': '{"date":"2000-01-03","stats":{"close":5},"note":"a"}\r\n\r\n{"date":"2000-01-04","stats":{"close":6}}\r\n',
    });
    expect(rowsOf('e.ndjson')).toEqual([
      { date: '2000-01-03', close: 5, note: 'a' },
      { date: '2000-01-04', close: 6, note: null },
    ]);
    expect(await sql('e.ndjson', 'select sum(close) as s, count(note) as n from ')).toEqual([{ s: 11, n: 1 }]);
    tempProject({
      'data/manifest.yaml': entry('e.ndjson', '  columns:\n    date: date\n    close: { type: number, path: stats.close }\n'),
      'data/e.ndjson': '{"date":"2000-01-03","stats":{"close":5}}\n{"date":"2000-01-04","stats":{"close":"six"}}\n',
    });
    expect(() => rowsOf('e.ndjson')).toThrow(/data\/e\.ndjson:2: Column "close" is declared number, but the cell holds "six"/);
  });

  it('reaches the records of a JSON document through `property`, and names a column no record has', () => {
    tempProject({
      'data/manifest.yaml': entry('doc.json', '  property: payload.rows\n  columns:\n    date: date\n    v: integer\n'),
      'data/doc.json': JSON.stringify({ payload: { rows: [{ date: '2000-01-05', v: 1 }, { date: '2000-01-06' }] } }),
    });
    expect(rowsOf('doc.json')).toEqual([
      { date: '2000-01-05', v: 1 },
      { date: '2000-01-06', v: null },
    ]);
    tempProject({
      'data/manifest.yaml': entry('doc.json', '  property: payload.rows\n  columns:\n    date: date\n    value: integer\n'),
      'data/doc.json': JSON.stringify({ payload: { rows: [{ date: '2000-01-05', v: 1 }] } }),
    });
    expect(() => rowsOf('doc.json')).toThrow(/No column "value" in doc\.json/);
  });

  it('queries Parquet with t.sql at any size, checks its declared columns with DuckDB, and points t.data to t.sql', async () => {
    const root = tempProject({ 'data/manifest.yaml': entry('p.parquet', '  columns:\n    date: date\n    symbol: string\n    close: number\n') });
    const file = path.join(root, 'data', 'p.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(`COPY (SELECT DATE '2000-01-03' + (i % 60)::INT AS date, 'S' || (i % 3) AS symbol, i * 1.0 AS close FROM range(600) t(i)) TO '${file}' (FORMAT parquet)`);
    conn.closeSync();
    db.closeSync();
    // 29 days up to the asOf (Jan 3 … Jan 31), 10 rows a day.
    expect(await sql('p.parquet', 'select count(*) as n, count(distinct symbol) as s from ')).toEqual([{ n: 290, s: 3 }]);
    await checkDataFiles();
    expect(() => rowsOf('p.parquet')).toThrow(/p\.parquet is a Parquet file, which only DuckDB reads/);
    try {
      rowsOf('p.parquet');
    } catch (e) {
      expect((e as TallyError).hint).toMatch(/Query it with t\.sql over \$\{t\.table\("p\.parquet"\)\}/);
      expect((e as TallyError).hint).not.toMatch(/JSON/);
    }
    readManifest();
    tempProject({ 'data/manifest.yaml': entry('p.parquet', '  columns:\n    date: date\n    closes: number\n') });
    const db2 = await DuckDBInstance.create(':memory:');
    const c2 = await db2.connect();
    await c2.run(`COPY (SELECT DATE '2000-01-03' AS date, 1.5 AS close) TO '${path.join(process.env.TALLY_ROOT!, 'data', 'p.parquet')}' (FORMAT parquet)`);
    c2.closeSync();
    db2.closeSync();
    await expect(checkDataFiles()).rejects.toThrow(/No column "closes" in p\.parquet.*Did you mean "close"/s);
  });

  it('checks a CSV too large to parse in memory with DuckDB, by the same rules, naming line and column', async () => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const body = Array.from({ length: 50 }, (_, i) => `2000-01-${String((i % 28) + 1).padStart(2, '0')},${i}`).join('\r\n');
    tempProject({ 'data/manifest.yaml': entry('big.csv', '  columns:\n    date: date\n    v: integer\n'), 'data/big.csv': `date,v\r\n${body}\r\n` });
    await checkDataFiles();
    expect(() => rowsOf('big.csv')).toThrow(/big\.csv is .* t\.data, t\.doc and a chart's "url" read a file whole into memory/);
    expect(await sql('big.csv', 'select count(*) as n from ')).toEqual([{ n: 50 }]);
    for (const [bad, line, column, cell] of [
      ['2000-01-05,1.5', 5, 2, '1.5'],
      ['2000-1-5,1', 5, 1, '2000-1-5'],
      ['2000-01-05,1,234', 0, 0, ''],
      [',7', 5, 1, ''],
      ['2000-01-05,NaN', 5, 2, 'NaN'],
    ] as const) {
      const rows = body.split('\r\n');
      rows[3] = bad;
      tempProject({ 'data/manifest.yaml': entry('big.csv', '  columns:\n    date: date\n    v: integer\n'), 'data/big.csv': `date,v\r\n${rows.join('\r\n')}\r\n` });
      const failed = await checkDataFiles().then(
        () => undefined,
        (e: { message: string; hint?: string; where?: { line?: number; column?: number } }) => e,
      );
      expect(failed, bad).toBeDefined();
      if (line) {
        expect(failed!.where, bad).toMatchObject({ file: 'data/big.csv', line, column });
        expect(failed!.message, bad).toContain(cell === '' ? 'the cell is empty' : `the cell holds "${cell}"`);
        // As from Tally's own parser: the format that reads a date cell, as the line to declare.
        if (cell === '2000-1-5') expect(failed!.hint).toContain('"2000-1-5" reads as a date in the format "%Y-%m-%d"');
      } else {
        expect(failed!.message, bad).toMatch(/big\.csv/);
      }
    }
  });
});
