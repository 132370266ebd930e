import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { fileDigest } from '../../../src/data/file-digest.ts';
import { closeSql } from '../../../src/data/sql/instance.ts';
import { runSql } from '../../../src/data/sql/run-sql.ts';
import { tableRef } from '../../../src/data/sql/views.ts';
import { sqlProject } from './helpers.ts';
import path from 'node:path';

const loc = { file: 'content/issues/a/figures.ts' };
const asOf = '2026-01-31' as CalendarDate;

afterEach(() => {
  delete process.env.TALLY_ROOT;
});
afterAll(() => closeSql());

/** The files and columns a query read, from DuckDB's parse, as `file: col, col`. */
async function reads(strings: TemplateStringsArray, ...values: unknown[]): Promise<string[]> {
  const result = await runSql(strings, values, asOf, loc);
  return result.reads.map((r) => `${r.file}: ${r.columns.join(', ')}${r.latest ? ' (latest)' : ''}`);
}

describe('what a query read, from its parse', () => {
  it('names the columns a query refers to, not every column of the file', async () => {
    sqlProject();
    const prices = tableRef('prices.csv', false, loc);
    expect(await reads`select symbol, max(close) as peak from ${prices} group by symbol`).toEqual(['prices.csv: close, symbol']);
    expect(await reads`select count(*) from ${prices}`).toEqual(['prices.csv: ']);
    expect(await reads`select * exclude (note) from ${prices}`).toEqual(['prices.csv: close, date, symbol, volume']);
    expect(await reads`select p.volume from ${prices} as p where p.date > ${'2026-01-01'} order by close`).toEqual(['prices.csv: close, date, volume']);
  });

  it('follows aliases, joins, CTEs and subqueries to the file each column comes from', async () => {
    sqlProject();
    const prices = tableRef('prices.csv', false, loc);
    const sizes = tableRef('sizes.json', false, loc);
    expect(await reads`with peak as (select symbol as s, max(close) as top from ${prices} group by 1) select s, top * z.size from peak join ${sizes} z on z.symbol = peak.s`).toEqual([
      'prices.csv: close, symbol',
      'sizes.json: size, symbol',
    ]);
    expect(await reads`select symbol, size from ${sizes} where symbol in (select symbol from ${prices} where volume > ${100})`).toEqual([
      'sizes.json: size, symbol',
      'prices.csv: symbol, volume',
    ]);
    expect(await reads`select count(*) from ${prices} join ${sizes} using (symbol)`).toEqual(['prices.csv: symbol', 'sizes.json: symbol']);
  });

  it('says when a file was read whole (latest), and gives the digest of its bytes', async () => {
    const root = sqlProject();
    const result = await runSql(['select max(date) as d from ', ''], [tableRef('prices.csv', true, loc)], asOf, loc);
    expect(result.reads).toEqual([{ file: 'prices.csv', columns: ['date'], latest: true, digest: fileDigest(path.join(root, 'data', 'prices.csv'))!.slice(0, 16) }]);
  });

  it('is not fooled by a column name in a string or a comment', async () => {
    sqlProject();
    const prices = tableRef('prices.csv', false, loc);
    expect(await reads`select 'volume' as v, count(close) /* date */ from ${prices}`).toEqual(['prices.csv: close']);
  });
});
