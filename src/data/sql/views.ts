import fs from 'node:fs';
import path from 'node:path';
import { DuckDBDateValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { fail, type Loc } from '../../core/errors.ts';
import type { CalendarDate } from '../calendar-date.ts';
import type { Cell, ColumnSpecs, ColumnType } from '../column-types.ts';
import { duckDateExpression } from '../date-format.ts';
import { formatOf } from '../file-format.ts';
import { cutAsOf } from '../cut-as-of.ts';
import { fileDigest } from '../file-digest.ts';
import { dataFilePath, issueOfFile, manifestPathOf } from '../data-roots.ts';
import { dateColumnOf, knownDataFiles, loadDataFileById } from '../load-table.ts';
import { manifestEntry, type ManifestEntry } from '../manifest.ts';
import { resolveDataPath } from '../resolve-data-path.ts';
import { SQL_TYPES } from './check-table.ts';
import { quoteIdent, quoteString, type SqlEngine } from './instance.ts';
import { checkedTable, readByDuckDb } from './table-copy.ts';

/** A data file as a query names it: `${t.table('prices.csv')}`. */
export class TableRef {
  /** @internal The file's id in data/ (what t.table() was given, resolved). */
  readonly file: string;
  /** @internal */
  readonly abs: string;
  /** @internal */
  readonly columns: ColumnSpecs;
  /** @internal */
  readonly dateColumn: string | undefined;
  /** @internal */
  readonly latest: boolean;
  /** @internal */
  readonly entry: ManifestEntry;
  /** @internal Made by t.table(), which checks the file and its manifest entry. */
  constructor(file: string, abs: string, entry: ManifestEntry, dateColumn: string | undefined, latest: boolean) {
    this.file = file;
    this.abs = abs;
    this.entry = entry;
    this.columns = entry.columns ?? {};
    this.dateColumn = dateColumn;
    this.latest = latest;
  }
}

/** A view made for one query: the name it has in SQL, and the file it reads. */
export interface TableView {
  readonly name: string;
  readonly ref: TableRef;
}

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
  return new TableRef(rel, abs, entry, dateColumnOf(entry), latest);
}

/**
 * The view of a data file at an issue's asOf (or every row, for `latest`), made in the engine
 * the first time it is asked for and made again when its definition changes. A Parquet file or
 * a CSV/TSV above the in-memory limit is read through its check (table-copy.ts): the typed
 * Parquet copy the check wrote, or the original Parquet file when its columns already have
 * their declared types; the check stands for every cell, so the view only cuts at asOf. A
 * smaller CSV or TSV is read by DuckDB with the declared types; a JSON, NDJSON or YAML table,
 * parsed and checked by Tally's own loader, is copied in.
 */
export async function ensureView(engine: SqlEngine, conn: DuckDBConnection, ref: TableRef, asOf: CalendarDate): Promise<TableView> {
  const name = `${ref.file}@${ref.latest ? 'latest' : asOf}`;
  const format = formatOf(ref.file, ref.entry.format);
  const text = format === 'csv' || format === 'tsv';
  let definition: string;
  if (readByDuckDb(ref.file, ref.entry)) definition = cutView(ref, `read_parquet(${quoteString(await checkedTable(ref.file, ref.entry))})`, asOf);
  else if (text) definition = cutView(ref, typedCsv(ref, csvRead(ref, format)), asOf);
  else definition = `table ${fileDigest(ref.abs)} ${JSON.stringify(ref.columns)}`;
  if (engine.views.get(name) !== definition) {
    if (!text && format !== 'parquet') await copyTable(conn, name, ref, asOf);
    else await conn.run(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS ${definition}`);
    engine.views.set(name, definition);
  }
  return { name, ref };
}

/** read_csv with every declared column as text or its type: dates in a declared format are converted by typedCsv. */
function csvRead(ref: TableRef, format: 'csv' | 'tsv'): string {
  const types = Object.entries(ref.columns).map(([c, spec]) => `${quoteString(c)}: ${quoteString(spec.format ? 'VARCHAR' : SQL_TYPES[spec.type])}`);
  const delim = ref.entry.delimiter ?? (format === 'tsv' ? '\t' : ',');
  // Undeclared columns are text, as t.data reads them.
  return `read_csv(${quoteString(ref.abs)}, header = true, delim = ${quoteString(delim)}, quote = '"', escape = '"', auto_type_candidates = ['VARCHAR'], types = {${types.join(', ')}})`;
}

/**
 * The declared columns of a small CSV in their declared types: a date in a declared format
 * parsed by its strptime pattern, numbers that are NaN or infinite refused (DuckDB reads 'NaN'
 * and 'inf' as numbers, Tally does not).
 */
function typedCsv(ref: TableRef, read: string): string {
  const replaced = Object.entries(ref.columns).flatMap(([c, spec]) => {
    const col = quoteIdent(c);
    if (spec.type === 'date' && spec.format) return [`${duckDateExpression(col, spec.format, spec.timezone)} AS ${col}`];
    if (spec.type === 'number') {
      return [`CASE WHEN isfinite(${col}) OR ${col} IS NULL THEN ${col} ELSE error(${quoteString(`${dataFilePath(ref.file)}: column "${c}" holds NaN or Infinity, which is not a number Tally accepts`)}) END AS ${col}`];
    }
    return [];
  });
  return `SELECT *${replaced.length ? ` REPLACE (${replaced.join(', ')})` : ''} FROM ${read}`;
}

/** Rows of a read up to asOf (all of them for `latest`, or a table with no date column). */
function cutView(ref: TableRef, read: string, asOf: CalendarDate): string {
  const from = read.startsWith('SELECT') ? `(${read})` : read;
  const cut = ref.dateColumn && !ref.latest ? ` WHERE ${quoteIdent(ref.dateColumn)} <= DATE ${quoteString(asOf)}` : '';
  return `SELECT * FROM ${from}${cut}`;
}

async function copyTable(conn: DuckDBConnection, name: string, ref: TableRef, asOf: CalendarDate): Promise<void> {
  const loaded = loadDataFileById(ref.file, undefined);
  const table = ref.latest ? loaded.table! : cutAsOf(loaded.table!, asOf);
  const columns = Object.entries(ref.columns);
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns.map(([c, spec]) => `${quoteIdent(c)} ${SQL_TYPES[spec.type]}`).join(', ')})`);
  const appender = await conn.createAppender(name);
  for (const row of table.rows) {
    for (const [c, spec] of columns) append(appender, row[c] ?? null, spec.type);
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
