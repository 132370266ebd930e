import fs from 'node:fs';
import path from 'node:path';
import { DuckDBDateValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { fail, type Loc } from '../../core/errors.ts';
import type { CalendarDate } from '../calendar-date.ts';
import type { Cell, ColumnType } from '../column-types.ts';
import { cutAsOf } from '../cut-as-of.ts';
import { fileDigest } from '../file-digest.ts';
import { dataFilePath, issueOfFile, manifestPathOf } from '../data-roots.ts';
import { dateColumnOf, knownDataFiles, loadDataFileById } from '../load-table.ts';
import { manifestEntry } from '../manifest.ts';
import { resolveDataPath } from '../resolve-data-path.ts';
import { quoteIdent, quoteString, type SqlEngine } from './instance.ts';

/** A data file as a query names it: `${t.table('prices.csv')}`. */
export class TableRef {
  readonly file: string;
  readonly abs: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly dateColumn: string | undefined;
  readonly latest: boolean;
  constructor(file: string, abs: string, columns: Readonly<Record<string, ColumnType>>, dateColumn: string | undefined, latest: boolean) {
    this.file = file;
    this.abs = abs;
    this.columns = columns;
    this.dateColumn = dateColumn;
    this.latest = latest;
  }
}

/** A view made for one query: the name it has in SQL, and the file it reads. */
export interface TableView {
  readonly name: string;
  readonly ref: TableRef;
}

const SQL_TYPES: Record<ColumnType, string> = { date: 'DATE', number: 'DOUBLE', integer: 'BIGINT', string: 'VARCHAR', boolean: 'BOOLEAN' };

/**
 * Checks a file named by `t.table(file)` at once, where the figure names it: inside data/,
 * present, and declared with columns in data/manifest.yaml.
 */
export function tableRef(file: string, latest: boolean, loc: Loc | undefined, from: string | undefined = loc?.file): TableRef {
  const { abs, file: rel } = resolveDataPath(file, loc, from);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) fail('UnknownDataFile', loc, file, knownDataFiles(from), issueOfFile(from));
  const entry = manifestEntry(rel);
  if (!entry) fail('Manifest', loc, `${dataFilePath(rel)} has no entry in ${manifestPathOf(rel)}.`);
  if (!entry.columns) fail('SqlRefused', loc, `t.table("${file}") needs a table, but ${manifestPathOf(rel)} declares no columns for ${dataFilePath(rel)}`, `Declare its columns in ${manifestPathOf(rel)}, or read the document with t.doc().`);
  return new TableRef(rel, abs, entry.columns, dateColumnOf(entry), latest);
}

/**
 * The view of a data file at an issue's asOf (or every row, for `latest`), made in the engine
 * the first time it is asked for and made again when its definition changes. A CSV is read by
 * DuckDB itself with the declared types (never into the JavaScript heap); a JSON or YAML table,
 * already small enough to parse, is loaded with Tally's own parser and copied in.
 */
export async function ensureView(engine: SqlEngine, conn: DuckDBConnection, ref: TableRef, asOf: CalendarDate): Promise<TableView> {
  const name = `${ref.file}@${ref.latest ? 'latest' : asOf}`;
  const definition = path.extname(ref.file) === '.csv' ? csvView(ref, asOf) : `table ${fileDigest(ref.abs)} ${JSON.stringify(ref.columns)}`;
  if (engine.views.get(name) !== definition) {
    if (definition.startsWith('table ')) await copyTable(conn, name, ref, asOf);
    else await conn.run(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS ${definition}`);
    engine.views.set(name, definition);
  }
  return { name, ref };
}

function csvView(ref: TableRef, asOf: CalendarDate): string {
  const types = Object.entries(ref.columns).map(([c, t]) => `${quoteString(c)}: ${quoteString(SQL_TYPES[t])}`);
  // Undeclared columns are text, as t.data reads them; DuckDB would read 'NaN' and 'inf' as numbers, Tally refuses them.
  const finite = Object.entries(ref.columns)
    .filter(([, t]) => t === 'number')
    .map(([c]) => `CASE WHEN isfinite(${quoteIdent(c)}) OR ${quoteIdent(c)} IS NULL THEN ${quoteIdent(c)} ELSE error(${quoteString(`${dataFilePath(ref.file)}: column "${c}" holds NaN or Infinity, which is not a number Tally accepts`)}) END AS ${quoteIdent(c)}`);
  const read = `read_csv(${quoteString(ref.abs)}, header = true, delim = ',', quote = '"', escape = '"', auto_type_candidates = ['VARCHAR'], types = {${types.join(', ')}})`;
  const cut = ref.dateColumn && !ref.latest ? ` WHERE ${quoteIdent(ref.dateColumn)} <= DATE ${quoteString(asOf)}` : '';
  return `SELECT *${finite.length ? ` REPLACE (${finite.join(', ')})` : ''} FROM ${read}${cut}`;
}

async function copyTable(conn: DuckDBConnection, name: string, ref: TableRef, asOf: CalendarDate): Promise<void> {
  const loaded = loadDataFileById(ref.file, undefined);
  const table = ref.latest ? loaded.table! : cutAsOf(loaded.table!, asOf);
  const columns = Object.entries(ref.columns);
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns.map(([c, t]) => `${quoteIdent(c)} ${SQL_TYPES[t]}`).join(', ')})`);
  const appender = await conn.createAppender(name);
  for (const row of table.rows) {
    for (const [c, t] of columns) append(appender, row[c] ?? null, t);
    appender.endRow();
  }
  appender.closeSync();
}

function append(appender: DuckDBAppender, value: Cell, type: ColumnType): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'date':
      return appender.appendDate(new DuckDBDateValue(Date.parse(`${String(value)}T00:00:00Z`) / 86_400_000));
    case 'number':
      return appender.appendDouble(value as number);
    case 'integer':
      return appender.appendBigInt(BigInt(value as number));
    case 'boolean':
      return appender.appendBoolean(value as boolean);
    case 'string':
      return appender.appendVarchar(String(value));
  }
}
