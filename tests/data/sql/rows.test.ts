import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { closeSql } from '../../../src/data/sql/instance.ts';
import { runSql } from '../../../src/data/sql/run-sql.ts';
import { tableRef } from '../../../src/data/sql/views.ts';
import { rejected } from '../../adversarial/errors.ts';
import { manifestEntry } from '../../helpers/data-dir.ts';
import { sqlProject } from './helpers.ts';

const loc = { file: 'content/issues/a/figures.ts', line: 7, column: 3 };
const asOf = '2026-01-31' as CalendarDate;
/** `sql\`…\`` as t.sql builds it, at the asOf above. */
const sql = (strings: TemplateStringsArray, ...values: unknown[]) => runSql(strings, values, asOf, loc);
const table = (file: string, latest = false) => tableRef(file, latest, loc);

afterEach(() => {
  delete process.env.TALLY_ROOT;
});
afterAll(() => closeSql());

describe('t.sql rows', () => {
  it('gives plain rows: numbers (never BigInt), dates as YYYY-MM-DD, timestamps as ISO, NULL as null', async () => {
    sqlProject();
    const { rows } = await sql`
      select symbol, max(close) as peak, count(*) as n, sum(volume) as vol, min(date) as first,
             max(date)::timestamp + interval 90 minute as stamp, 1.25::decimal(5,2) as dec, null as nothing, [1, 2] as list
      from ${table('prices.csv')} group by symbol order by symbol`;
    expect(rows).toEqual([
      { symbol: 'AAA', peak: 11, n: 2, vol: 250, first: '2026-01-02', stamp: '2026-01-05T01:30:00.000Z', dec: 1.25, nothing: null, list: [1, 2] },
      { symbol: 'BBB', peak: 20, n: 2, vol: 200, first: '2026-01-02', stamp: '2026-01-05T01:30:00.000Z', dec: 1.25, nothing: null, list: [1, 2] },
    ]);
    expect(typeof rows[0]!.n).toBe('number');
  });

  it('refuses, located, an integer beyond Number.MAX_SAFE_INTEGER rather than rounding it', async () => {
    sqlProject();
    const e = await rejected(sql`select 9007199254740993::bigint as big from ${table('prices.csv')} limit 1`);
    expect(e.code).toBe('SqlError');
    expect(e.loc).toEqual(loc);
    expect(e.message).toContain('column "big" (BIGINT) holds 9007199254740993, beyond the integers a JavaScript number keeps exactly');
    expect((await sql`select 9007199254740991::hugeint as ok`).rows).toEqual([{ ok: 9007199254740991 }]);
  });

  it('reads a JSON table declared in the manifest with its types', async () => {
    sqlProject();
    const { rows } = await sql`select s.symbol, size * max(close) as x from ${table('sizes.json')} s join ${table('prices.csv')} p using (symbol) group by s.symbol, size order by 1`;
    expect(rows).toEqual([{ symbol: 'AAA', x: 33 }, { symbol: 'BBB', x: 100 }]);
  });
});

describe('t.sql parameters', () => {
  it('binds every interpolated value: a quote and a statement in a value are data', async () => {
    sqlProject();
    const evil = "'; drop table x; --";
    const { rows } = await sql`select ${evil} as v, count(*) as n from ${table('prices.csv')} where symbol = ${evil}`;
    expect(rows).toEqual([{ v: evil, n: 0 }]);
    const ok = await sql`select count(*) as n from ${table('prices.csv')} where symbol = ${'AAA'} and close > ${10.6} and date <= ${'2026-01-05'} limit ${5}`;
    expect(ok.rows).toEqual([{ n: 1 }]);
  });

  it('refuses a value that is not a number, text, boolean or null, naming the parameter', async () => {
    sqlProject();
    const e = await rejected(sql`select ${{ a: 1 }} as v`);
    expect(e.message).toBe('content/issues/a/figures.ts:7:3: t.sql failed: parameter $1 is a object; interpolate a number, a string, a boolean or null (or a table with t.table(…)).');
  });
});

describe('t.table views', () => {
  it('are cut at the asOf on the date column, as t.data is; latest reads every row', async () => {
    sqlProject();
    const cut = await sql`select count(*) as n, max(date) as last from ${table('prices.csv')}`;
    expect(cut.rows).toEqual([{ n: 4, last: '2026-01-05' }]);
    const all = await sql`select count(*) as n, max(date) as last from ${table('prices.csv', true)}`;
    expect(all.rows).toEqual([{ n: 5, last: '2026-02-02' }]);
    expect(all.reads).toEqual([expect.objectContaining({ file: 'prices.csv', latest: true })]);
  });

  it('has the declared types, and text for undeclared columns', async () => {
    sqlProject();
    const { rows } = await sql`select typeof(date) as d, typeof(close) as c, typeof(volume) as v, typeof(note) as n from ${table('prices.csv')} limit 1`;
    expect(rows).toEqual([{ d: 'DATE', c: 'DOUBLE', v: 'BIGINT', n: 'VARCHAR' }]);
  });

  it('refuses NaN in a number column, as t.data does', async () => {
    sqlProject({ 'data/prices.csv': 'date,symbol,close,volume\n2026-01-02,AAA,NaN,1\n' });
    const e = await rejected(sql`select max(close) from ${table('prices.csv')}`);
    expect(e.message).toContain('data/prices.csv: column "close" holds NaN or Infinity');
  });

  it('names a file t.table cannot use at the call: unknown, outside data/, or without columns', () => {
    sqlProject({ 'data/notes.json': '{}' }, manifestEntry('notes.json'));
    expect(() => table('price.csv')).toThrow(/No data file "price.csv" in content\/issues\/a\/data\/ or data\//);
    expect(() => table('../secret.csv')).toThrow(/does not resolve inside data\//);
    expect(() => table('notes.json')).toThrow(/t.table\("notes.json"\) needs a table/);
  });
});
