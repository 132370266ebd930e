import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { checkDataFiles } from '../../../src/data/check-data-files.ts';
import { closeSql, sqlEngine, withConnection } from '../../../src/data/sql/instance.ts';
import { duckDbMemoryLimit } from '../../../src/data/sql/memory-limit.ts';
import { runSql } from '../../../src/data/sql/run-sql.ts';
import { tableRef } from '../../../src/data/sql/views.ts';
import { rejected } from '../../adversarial/errors.ts';
import { manifestEntry, tempProject } from '../../helpers/data-dir.ts';

const loc = { file: 'content/issues/a/figures.ts', line: 7, column: 3 };
const asOf = '2000-01-31' as CalendarDate;

afterEach(async () => {
  await closeSql();
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_MAX_DATA_MB;
  delete process.env.TALLY_DUCKDB_MEMORY;
});
afterAll(() => closeSql());

async function sql(file: string, before: string, after = ''): Promise<Record<string, unknown>[]> {
  const strings = Object.assign([before, after], { raw: [before, after] }) as unknown as TemplateStringsArray;
  return (await runSql(strings, [tableRef(file, false, loc)], asOf, loc)).rows;
}

/** Every file of the table-copies store: sidecars (.json) and copies (.parquet). */
function stored(root: string): string[] {
  const dir = path.join(root, '.tally-cache', 'table-copies');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}
const copiesOf = (root: string) => stored(root).filter((f) => f.endsWith('.parquet'));

const COLUMNS = {
  date: '{ type: date, format: "%b %d %Y" }',
  symbol: 'string',
  close: 'number',
  volume: 'integer',
  listed: 'boolean',
  since: 'date',
};
// Padded cells, blank cells, integers written 1e3 and 2.0, a number written .5, an undeclared
// column, and a row after the asOf: the typed copy must read them as Tally's parser does.
const CSV = [
  'date,symbol,close,volume,listed,since,note',
  'Jan 03 2000,AAA,10.5,100,true,1999-12-01,first',
  ' Jan 04 2000 ,BBB, 20 ,1e3,false, 1999-11-30 ,',
  'Jan 05 2000,AAA,.5,2.0, true ,,x',
  'Jan 06 2000,CCC,,  , ,,"quoted, with comma"',
  'Feb 01 2000,AAA,99,999,true,2000-01-01,after',
].join('\n');
const QUERY = 'select date, symbol, close, volume, listed, since, note, typeof(date) as td, typeof(close) as tc, typeof(volume) as tv, typeof(listed) as tl, typeof(note) as tn from ';

describe('the typed copy of a large table', () => {
  it('reads a large CSV through its copy exactly as DuckDB reads a small one with its types, and cuts it at asOf', async () => {
    // DuckDB's typed read of a small CSV refuses blank or padded integer and boolean cells; Tally's rules do not.
    const blanks = CSV.replace(',,  , ,,', ',,,,,').replace(' true ,', 'true,');
    expect(blanks).not.toBe(CSV);
    tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${blanks}\n` });
    const small = await sql('t.csv', QUERY, ' order by date, symbol');
    await closeSql();
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    await checkDataFiles();
    expect(copiesOf(root)).toHaveLength(1);
    const large = await sql('t.csv', QUERY, ' order by date, symbol');
    expect(large).toEqual(small);
    expect(large).toHaveLength(4);
    expect(large[1]).toMatchObject({ date: '2000-01-04', symbol: 'BBB', close: 20, volume: 1000, listed: false, since: '1999-11-30', note: null });
    expect(large[0]).toMatchObject({ td: 'DATE', tc: 'DOUBLE', tv: 'BIGINT', tl: 'BOOLEAN', tn: 'VARCHAR' });
  });

  it('is made by the first query when no build checked the file, and a bad cell fails there with its line and column', async () => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    expect(await sql('t.csv', 'select count(*) as n from ')).toEqual([{ n: 4 }]);
    expect(copiesOf(root)).toHaveLength(1);
    tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV.replace(' 20 ', '1_000')}\n` });
    const e = await rejected(sql('t.csv', 'select count(*) as n from '));
    expect(e.code).toBe('BadCell');
    expect(e.where).toMatchObject({ file: 'data/t.csv', line: 3, column: 3 });
    expect(e.message).toContain('the cell holds "1_000"');
  });

  it.each([
    ['truncated', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2))],
    ['flipped', (f: string) => {
      const bytes = fs.readFileSync(f);
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
      fs.writeFileSync(f, bytes);
    }],
    ['swapped for another file of the same length', (f: string) => fs.writeFileSync(f, Buffer.alloc(fs.statSync(f).size, 0x50))],
  ])('is never read when %s: the next query makes it again from the data file', async (_, damage) => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    const before = await sql('t.csv', QUERY, ' order by date, symbol');
    const [copy] = copiesOf(root);
    const made = fs.readFileSync(copy!);
    damage(copy!);
    expect(fs.readFileSync(copy!).equals(made)).toBe(false);
    await closeSql();
    expect(await sql('t.csv', QUERY, ' order by date, symbol')).toEqual(before);
    const [again] = copiesOf(root);
    expect(fs.readFileSync(again!).length).toBe(made.length);
    expect(fs.readFileSync(again!).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('replaces the copy of the file before it changed, leaving one copy per file', async () => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    await checkDataFiles();
    const [first] = copiesOf(root);
    fs.writeFileSync(path.join(root, 'data', 't.csv'), `${CSV.replace('10.5', '12.5')}\n`);
    expect(await sql('t.csv', 'select max(close) as m from ', " where symbol = 'AAA'")).toEqual([{ m: 12.5 }]);
    const copies = copiesOf(root);
    expect(copies).toHaveLength(1);
    expect(copies[0]).not.toBe(first);
    expect(stored(root).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('is made again when its sidecar is damaged', async () => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    await checkDataFiles();
    const sidecar = stored(root).find((f) => f.endsWith('.json'))!;
    const [copy] = copiesOf(root);
    fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace(/"length":\d+/, '"length":1'));
    fs.rmSync(copy!);
    await closeSql();
    expect(await sql('t.csv', 'select count(*) as n from ')).toEqual([{ n: 4 }]);
    expect(copiesOf(root)).toHaveLength(1);
  });
});

async function writeParquet(file: string, select: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  conn.closeSync();
  db.closeSync();
}

describe('a Parquet data file', () => {
  const entry = manifestEntry('p.parquet', { date: 'date', symbol: 'string', close: 'number', volume: 'integer' });

  it('is read as it is when its columns have their declared types (no copy), and copied when they do not', async () => {
    let root = tempProject({ 'data/manifest.yaml': entry });
    await writeParquet(path.join(root, 'data', 'p.parquet'), "SELECT DATE '2000-01-03' + (i % 40)::INT AS date, 'S' || (i % 3) AS symbol, (i * 1.5)::DOUBLE AS close, i::BIGINT AS volume FROM range(120) t(i)");
    await checkDataFiles();
    expect(copiesOf(root)).toEqual([]);
    expect(stored(root).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const asIs = await sql('p.parquet', 'select count(*) as n, sum(close) as c, sum(volume) as v, typeof(any_value(close)) as tc from ');
    expect(asIs).toEqual([{ n: 87, c: 7047, v: 4698, tc: 'DOUBLE' }]);
    await closeSql();
    root = tempProject({ 'data/manifest.yaml': entry });
    await writeParquet(path.join(root, 'data', 'p.parquet'), "SELECT CAST(DATE '2000-01-03' + (i % 40)::INT AS TIMESTAMP) AS date, 'S' || (i % 3) AS symbol, (i * 1.5)::FLOAT AS close, i::DOUBLE AS volume FROM range(120) t(i)");
    await checkDataFiles();
    expect(copiesOf(root)).toHaveLength(1);
    expect(await sql('p.parquet', 'select count(*) as n, sum(close) as c, sum(volume) as v, typeof(any_value(close)) as tc, typeof(any_value(volume)) as tv from ')).toEqual([{ n: 87, c: 7047, v: 4698, tc: 'DOUBLE', tv: 'BIGINT' }]);
  });

  it.each([
    ["'NaN'::DOUBLE", 'close', 'nan'],
    ['1.5::DOUBLE', 'volume', '1.5'],
  ])('refuses %s in its typed columns, naming the row and column', async (value, column, cell) => {
    const root = tempProject({ 'data/manifest.yaml': entry });
    const bad = column === 'close' ? `CASE WHEN i = 7 THEN ${value} ELSE i * 1.5 END AS close, i::DOUBLE AS volume` : `i * 1.5 AS close, CASE WHEN i = 7 THEN ${value} ELSE i::DOUBLE END AS volume`;
    await writeParquet(path.join(root, 'data', 'p.parquet'), `SELECT DATE '2000-01-03' + i::INT AS date, 'S' AS symbol, ${bad} FROM range(20) t(i)`);
    const e = await rejected(checkDataFiles());
    expect(e.code).toBe('BadTableRow');
    expect(e.message).toContain(`row 8, column "${column}"`);
    expect(e.message).toContain(`holds "${cell}"`);
    expect(copiesOf(root)).toEqual([]);
  });
});

describe("authors' SQL and the copies", () => {
  it('cannot read a copy by its path, COPY into the copies or anywhere, nor ATTACH', async () => {
    process.env.TALLY_MAX_DATA_MB = '0.00001';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    await checkDataFiles();
    const [copy] = copiesOf(root);
    const folder = path.dirname(copy!);
    expect(await sql('t.csv', 'select count(*) as n from ')).toEqual([{ n: 4 }]);
    for (const [text, reason] of [
      [`select * from read_parquet('${copy}')`, 'calls the table function read_parquet()'],
      [`select * from '${copy}'`, `reads the table "${copy}"`],
      [`ATTACH '${path.join(folder, 'x.db')}'`, 'ATTACH is not a SELECT'],
      [`COPY (select 1) TO '${path.join(folder, 'x.parquet')}'`, 'COPY is not a SELECT'],
      [`COPY (select 1) TO '${path.join(root, 'data', 'x.csv')}'`, 'COPY is not a SELECT'],
    ] as const) {
      const e = await rejected(runSql([text], [], asOf, loc));
      expect(e.code, text).toBe('SqlRefused');
      expect(e.message, text).toContain(reason);
    }
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('x.'))).toEqual([]);
    expect(fs.existsSync(path.join(root, 'data', 'x.csv'))).toBe(false);
    // Beneath the parse check, the engine writes nowhere outside its folders.
    const engine = await sqlEngine();
    const outside = await withConnection(engine, (conn) => conn.run("COPY (select 1) TO '/tmp/tally-escape.parquet' (FORMAT parquet)")).then(
      () => 'ran',
      (err: Error) => err.message.split('\n')[0],
    );
    expect(outside).toMatch(/Permission Error/);
    expect(fs.existsSync('/tmp/tally-escape.parquet')).toBe(false);
  });
});

describe("DuckDB's memory", () => {
  it('is limited in every engine: a quarter of the machine at most 1 GiB, or TALLY_DUCKDB_MEMORY', async () => {
    expect(duckDbMemoryLimit()).toMatch(/^\d+MiB$/);
    expect(Number.parseInt(duckDbMemoryLimit(), 10)).toBeLessThanOrEqual(1024);
    process.env.TALLY_DUCKDB_MEMORY = '512MB';
    expect(duckDbMemoryLimit()).toBe('512MB');
    process.env.TALLY_DUCKDB_MEMORY = '300';
    expect(duckDbMemoryLimit()).toBe('300MB');
    tempProject({ 'data/manifest.yaml': manifestEntry('t.csv', COLUMNS), 'data/t.csv': `${CSV}\n` });
    const engine = await sqlEngine();
    const limit = await withConnection(engine, async (conn) => String((await conn.runAndReadAll("select current_setting('memory_limit')")).getRows()[0]![0]));
    expect(limit).toBe('286.1 MiB');
  });
});
