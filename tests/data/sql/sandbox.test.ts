import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { closeSql } from '../../../src/data/sql/instance.ts';
import { runSql } from '../../../src/data/sql/run-sql.ts';
import { tableRef } from '../../../src/data/sql/views.ts';
import { rejected } from '../../adversarial/errors.ts';
import { sqlProject } from './helpers.ts';

const loc = { file: 'content/issues/a/figures.ts', line: 12, column: 5 };
const asOf = '2026-01-31' as CalendarDate;

afterEach(() => {
  delete process.env.TALLY_ROOT;
});
afterAll(() => closeSql());

/** Runs a query whose text (after a t.table view, so the engine and its views exist) is an escape attempt. */
async function attempt(text: string) {
  const prices = tableRef('prices.csv', false, loc);
  await runSql(['select count(*) from ', ''], [prices], asOf, loc);
  return rejected(runSql([text], [], asOf, loc));
}

describe('the SQL sandbox', () => {
  it.each([
    ["select * from read_csv('/etc/passwd')", 'SqlRefused', 'calls the table function read_csv()'],
    ["select * from read_csv('../x.csv')", 'SqlRefused', 'calls the table function read_csv()'],
    ["select * from read_csv('data/secret.csv')", 'SqlRefused', 'calls the table function read_csv()'],
    ["select * from 'data/secret.csv'", 'SqlRefused', 'reads the table "data/secret.csv", which is neither a t.table(…) of this query nor one of its CTEs. Did you mean ${t.table("secret.csv")}?'],
    ["select * from read_csv('https://example.com/x.csv')", 'SqlRefused', 'calls the table function read_csv()'],
    ["select (select count(*) from read_text('/etc/hostname')) as n", 'SqlRefused', 'calls the table function read_text()'],
    ["ATTACH '/tmp/x.db'", 'SqlRefused', 'ATTACH is not a SELECT'],
    ["COPY (select 1) TO 'data/x.csv'", 'SqlRefused', 'COPY is not a SELECT'],
    ['INSTALL httpfs', 'SqlRefused', 'INSTALL is not a SELECT'],
    ['SET enable_external_access = true', 'SqlRefused', 'SET is not a SELECT'],
    ['select 1; select 2', 'SqlRefused', 'the text holds 2 statements; t.sql runs one'],
    ['select 1; COPY (select 1) TO \'data/x.csv\'', 'SqlRefused', 'COPY is not a SELECT'],
    ['select * from duckdb_settings()', 'SqlRefused', 'calls the table function duckdb_settings()'],
    ['show tables', 'SqlRefused', 'list the engine'],
  ])('refuses %s, at the t.sql call', async (text, code, reason) => {
    const root = sqlProject();
    const e = await attempt(text);
    expect(e.code).toBe(code);
    expect(e.message.startsWith('content/issues/a/figures.ts:12:5: ')).toBe(true);
    expect(e.message).toContain(reason);
    expect(fs.existsSync(path.join(root, 'data', 'x.csv'))).toBe(false);
  });

  it('keeps the engine locked: file access, extensions and settings are off even beneath the parse check', async () => {
    sqlProject();
    const { sqlEngine, withConnection } = await import('../../../src/data/sql/instance.ts');
    const engine = await sqlEngine();
    const refused = async (text: string) =>
      withConnection(engine, (conn) => conn.run(text)).then(
        () => 'ran',
        (e: Error) => e.message.split('\n')[0],
      );
    expect(await refused("select * from read_csv('/etc/passwd')")).toMatch(/Permission Error/);
    expect(await refused("ATTACH '/tmp/tally-x.db'")).toMatch(/Permission Error/);
    expect(await refused('INSTALL httpfs')).toMatch(/Permission Error/);
    expect(await refused('SET enable_external_access = true')).toMatch(/the configuration has been locked/);
  });

  it('lets a query use its CTEs, subqueries and pure table functions', async () => {
    sqlProject();
    const prices = tableRef('prices.csv', false, loc);
    const { rows } = await runSql(
      ['with s as (select symbol, close from ', ') select count(*) as n, (select max(x) from range(3) r(x)) as m from s where close > (select min(close) from ', ')'],
      [prices, prices],
      asOf,
      loc,
    );
    expect(rows).toEqual([{ n: 3, m: 2 }]);
  });
});

describe('SQL errors', () => {
  it('name the t.sql call, DuckDB\'s message and the closest column', async () => {
    sqlProject();
    const e = await rejected(runSql(['select max(clos) from ', ''], [tableRef('prices.csv', false, loc)], asOf, loc));
    expect(e.code).toBe('SqlError');
    expect(e.message).toBe('content/issues/a/figures.ts:12:5: t.sql failed: Binder Error: Referenced column "clos" not found in FROM clause. Did you mean "close"?');
  });

  it('name the closest data file for a table written by name', async () => {
    sqlProject();
    const e = await rejected(runSql(['select * from prices'], [], asOf, loc));
    expect(e.message).toContain('reads the table "prices"');
    expect(e.message).toContain('Did you mean ${t.table("prices.csv")}?');
  });

  it('name the data file and line of a cell DuckDB cannot read as its declared type', async () => {
    sqlProject({ 'data/prices.csv': 'date,symbol,close,volume\n2026-01-02,AAA,1,1\n2026-01-03,AAA,1;5,1\n' });
    const e = await rejected(runSql(['select max(close) from ', ''], [tableRef('prices.csv', false, loc)], asOf, loc));
    expect(e.message).toContain('CSV Error on Line: 3');
    expect(e.message).toContain('Could not convert string "1;5" to \'DOUBLE\'');
    expect(e.message).toContain('(reading data/prices.csv)');
  });

  it('name a syntax error as DuckDB\'s parser words it', async () => {
    sqlProject();
    const e = await rejected(runSql(['selec 1'], [], asOf, loc));
    expect(e.message).toBe('content/issues/a/figures.ts:12:5: t.sql failed: DuckDB could not parse the query: syntax error at or near "selec".');
  });
});
