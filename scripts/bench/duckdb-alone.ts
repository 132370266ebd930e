/**
 * DuckDB alone, the data-scale case's essential cost: a fresh Node process opens DuckDB and runs
 * the queries over the same files, as a DuckDB user would write them (a view per file
 * with its column types and the as-of cut), nothing of Tally's. Prints one JSON line: each
 * query's value and time. Usage: node scripts/bench/duckdb-alone.ts <data dir>
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AS_OF, CSV, CSV_DATE_FORMAT, PARQUET, YEAR_END } from './data-files.ts';
import { QUERIES } from './data-queries.ts';

const dir = process.argv[2]!;
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const types = `{'symbol': 'VARCHAR', 'name': 'VARCHAR', 'sector': 'VARCHAR', 'date': 'DATE', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'BIGINT'}`;
await conn.run(`CREATE VIEW parquet AS SELECT * FROM read_parquet('${path.join(dir, PARQUET)}') WHERE date <= DATE '${AS_OF}'`);
await conn.run(`CREATE VIEW csv AS SELECT * FROM read_csv('${path.join(dir, CSV)}', header = true, dateformat = '${CSV_DATE_FORMAT}', types = ${types}) WHERE date <= DATE '${AS_OF}'`);
const results: Record<string, { value: number; ms: number }> = {};
for (const [suffix, view] of [['P', 'parquet'], ['C', 'csv']] as const) {
  for (const q of QUERIES) {
    const t = performance.now();
    const reader = await conn.runAndReadAll(q.sql.replaceAll('$table', view).replaceAll('$yearEnd', `'${YEAR_END}'`));
    results[`${q.name}${suffix}`] = { value: Number(reader.getRows()[0]![0]), ms: performance.now() - t };
  }
}
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ results, ms: performance.now() - started }));
