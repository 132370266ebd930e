import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fail } from '../../core/errors.ts';
import { typeLabel, type ColumnSpec, type ColumnType } from '../column-types.ts';
import { dataFileAbs, dataFilePath } from '../data-roots.ts';
import { duckDateExpression } from '../date-format.ts';
import { formatOf } from '../file-format.ts';
import { guessDateFormats } from '../guess-date-format.ts';
import type { ManifestEntry } from '../manifest.ts';
import { quoteIdent, quoteString, sqlEngine, withConnection } from './instance.ts';

/** The SQL type each declared column type has in a view. */
export const SQL_TYPES: Record<ColumnType, string> = { date: 'DATE', number: 'DOUBLE', integer: 'BIGINT', string: 'VARCHAR', boolean: 'BOOLEAN' };

/** What a passed check leaves: a typed copy written, or the original already in its declared types. */
export type CheckedTable = 'copied' | 'original';

const BAD_CELL = 'tally: a cell is not of its declared type';

/**
 * Checks a table DuckDB reads without Tally's own parser: a Parquet file, or a CSV/TSV too large
 * to parse in the JavaScript heap. Every declared column must exist, and every cell must be of
 * its declared type by the same rules as Tally's parser (YYYY-MM-DD or the declared format for
 * dates, finite numbers, whole integers, true/false); the first bad cell fails with its line
 * (a CSV's data row n is on line n + 1, quoted line breaks aside) or row (Parquet) and column.
 *
 * The same scan writes `copyTo`, a Parquet file of every declared column in its SQL type
 * (undeclared CSV columns as text), so the figures' views read typed columns with no date
 * parsing or NaN test per query. A Parquet file whose columns already have their declared types
 * is not copied ('original').
 */
export async function checkTable(id: string, entry: ManifestEntry, dateColumn: string | undefined, copyTo: string): Promise<CheckedTable> {
  const format = formatOf(id, entry.format);
  const abs = dataFileAbs(id);
  const loc = dataFilePath(id);
  const parquet = format === 'parquet';
  const read = parquet
    ? `read_parquet(${quoteString(abs)})`
    : `read_csv(${quoteString(abs)}, header = true, delim = ${quoteString(entry.delimiter ?? (format === 'tsv' ? '\t' : ','))}, quote = '"', escape = '"', all_varchar = true)`;
  const unreadable = unreadableFile(loc);
  const engine = await sqlEngine();
  return withConnection(engine, async (conn) => {
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${read}`).catch(unreadable);
    const physical = new Map(described.getRowObjectsJson().map((r) => [String(r.column_name), String(r.column_type)]));
    const names = [...physical.keys()];
    const columns = Object.entries(entry.columns ?? {});
    for (const [c] of columns) if (!names.includes(c)) fail('UnknownColumn', { file: loc, line: parquet ? undefined : 1 }, c, id, names);
    const kinds = new Map(columns.map(([c]) => [c, parquet ? physical.get(c)! : 'VARCHAR']));
    const isDate = (c: string) => c === dateColumn;
    const asDeclared = parquet && columns.every(([c, spec]) => !spec.format && kinds.get(c) === SQL_TYPES[spec.type]);
    // One scan for every column, with no row numbers (parallel): a valid file, the usual case, is
    // read once, and written as its typed copy in the same pass (each cell's test and value in
    // one expression, so DuckDB computes a parse once for both). Only a file with a bad cell
    // pays the per-column search below, for the first bad cell's place.
    try {
      if (asDeclared) {
        const conditions = columns.flatMap(([c, spec]) => badCellCondition(quoteIdent(c), spec, kinds.get(c)!, parquet, isDate(c)) ?? []);
        const anyBad = conditions.length ? await conn.runAndReadAll(`SELECT 1 FROM ${read} WHERE ${conditions.join(' OR ')} LIMIT 1`) : undefined;
        if (!anyBad || anyBad.getRows().length === 0) return 'original';
        throw new Error(BAD_CELL);
      }
      const typed = columns.map(([c, spec]) => `${checkedValue(quoteIdent(c), spec, kinds.get(c)!, parquet, isDate(c))} AS ${quoteIdent(c)}`);
      await conn.run(`COPY (SELECT *${typed.length ? ` REPLACE (${typed.join(', ')})` : ''} FROM ${read}) TO ${quoteString(copyTo)} (FORMAT parquet)`);
      return 'copied';
    } catch (e) {
      fs.rmSync(copyTo, { force: true });
      if (!(e as Error).message.includes(BAD_CELL)) return unreadable(e as Error);
    }
    await failAtFirstBadCell(conn, read, columns, kinds, { loc, id, parquet, dateColumn, names });
    return fail('BadDataFile', { file: loc }, `DuckDB found a cell of ${loc} that is not of its declared type, but not where`);
  });
}

/** Fails with DuckDB's first line of why it could not read the file. */
function unreadableFile(loc: string): (e: Error) => never {
  return (e) => fail('BadDataFile', { file: loc }, `DuckDB could not read ${loc}: ${e.message.split('\n')[0]}`);
}

interface Where {
  loc: string;
  id: string;
  parquet: boolean;
  dateColumn: string | undefined;
  names: string[];
}

/** Searches column by column for the first bad cell (row numbers need a window: a slow scan, paid only by a bad file). */
async function failAtFirstBadCell(conn: DuckDBConnection, read: string, columns: [string, ColumnSpec][], kinds: Map<string, string>, w: Where): Promise<void> {
  for (const [c, spec] of columns) {
    const bad = badCellCondition(quoteIdent(c), spec, kinds.get(c)!, w.parquet, c === w.dateColumn);
    if (!bad) continue;
    const found = await conn
      .runAndReadAll(`SELECT n, CAST(${quoteIdent(c)} AS VARCHAR) AS cell FROM (SELECT row_number() OVER () AS n, ${quoteIdent(c)} FROM ${read}) WHERE ${bad} LIMIT 1`)
      .catch(unreadableFile(w.loc));
    const row = found.getRowObjectsJson()[0];
    if (!row) continue;
    const n = Number(row.n);
    const cell = row.cell === null ? '' : String(row.cell);
    if (w.parquet) fail('BadTableRow', { file: w.loc }, w.loc, n, c, typeLabel(spec), cell);
    fail('BadCell', { file: w.loc, line: n + 1, column: w.names.indexOf(c) + 1 }, c, typeLabel(spec), cell, spec.type === 'date' ? guessDateFormats(cell) : []);
  }
}

const NUMBER_TEXT = "'[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?'";
const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE']);
const isDecimal = (kind: string) => kind.startsWith('DECIMAL');

/**
 * A cell in its declared SQL type, or error(BAD_CELL) when Tally's parser would refuse it. A CSV
 * cell that a cheap test passes (a plain number with no spaces around it, a date its format
 * parses) takes its value at once; only another cell pays the full test of badCellCondition.
 */
function checkedValue(col: string, spec: ColumnSpec, kind: string, parquet: boolean, isDateColumn: boolean): string {
  const value = typedValue(col, spec, parquet);
  const bad = badCellCondition(col, spec, kind, parquet, isDateColumn);
  if (!bad) return value;
  const refuse = `error(${quoteString(BAD_CELL)})`;
  const quick = parquet ? undefined : quickValue(col, spec);
  if (!quick) return `CASE WHEN ${bad} THEN ${refuse} ELSE ${value} END`;
  const passes = isDateColumn ? quick.passes : `(${col} IS NULL OR ${quick.passes})`;
  return `CASE WHEN coalesce(${passes}, false) THEN ${quick.value} WHEN ${bad} THEN ${refuse} ELSE ${value} END`;
}

/** A cheap test that a CSV cell is valid as written (no trim, one cast), and its value then. */
function quickValue(col: string, spec: ColumnSpec): { passes: string; value: string } | undefined {
  switch (spec.type) {
    case 'number':
      return { passes: `(regexp_full_match(${col}, ${NUMBER_TEXT}) AND isfinite(TRY_CAST(${col} AS DOUBLE)))`, value: `TRY_CAST(${col} AS DOUBLE)` };
    case 'integer':
      return { passes: `(regexp_full_match(${col}, '[+-]?\\d+') AND TRY_CAST(${col} AS BIGINT) IS NOT NULL)`, value: `TRY_CAST(${col} AS BIGINT)` };
    case 'boolean':
      return { passes: `${col} IN ('true', 'false')`, value: `${col} = 'true'` };
    case 'date': {
      if (!spec.format) return { passes: `(regexp_full_match(${col}, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(${col} AS DATE) IS NOT NULL)`, value: `TRY_CAST(${col} AS DATE)` };
      const parsed = `try(${duckDateExpression(col, spec.format, spec.timezone)})`;
      return { passes: `${parsed} IS NOT NULL`, value: parsed };
    }
    case 'string':
      return undefined;
  }
}

/** SQL true for a cell Tally's parser would refuse (a text cell for CSV, a typed value of `kind` for Parquet). */
function badCellCondition(col: string, spec: ColumnSpec, kind: string, parquet: boolean, isDateColumn: boolean): string | undefined {
  const missing = parquet ? `${col} IS NULL` : `(${col} IS NULL OR trim(${col}) = '')`;
  const present = `NOT ${missing}`;
  const text = parquet ? `CAST(${col} AS VARCHAR)` : `trim(${col})`;
  let wrong: string | undefined;
  switch (spec.type) {
    case 'string':
      wrong = undefined;
      break;
    case 'boolean':
      if (parquet && kind === 'BOOLEAN') wrong = undefined;
      else wrong = parquet ? `try_cast(${col} AS BOOLEAN) IS NULL` : `${text} NOT IN ('true', 'false')`;
      break;
    case 'number':
      // A typed Parquet column needs no text: an integer or decimal is always a finite number.
      if (parquet && FLOAT_TYPES.has(kind)) wrong = `NOT isfinite(${col})`;
      else if (parquet && (INTEGER_TYPES.has(kind) || isDecimal(kind))) wrong = undefined;
      else wrong = `(try_cast(${text} AS DOUBLE) IS NULL OR NOT isfinite(try_cast(${text} AS DOUBLE))${parquet ? '' : ` OR NOT regexp_full_match(${text}, ${NUMBER_TEXT})`})`;
      break;
    case 'integer':
      if (parquet && INTEGER_TYPES.has(kind)) wrong = undefined;
      else if (parquet && (FLOAT_TYPES.has(kind) || isDecimal(kind))) wrong = `(NOT isfinite(CAST(${col} AS DOUBLE)) OR ${col} <> floor(${col}))`;
      else wrong = `(try_cast(${text} AS DOUBLE) IS NULL OR try_cast(${text} AS DOUBLE) <> floor(try_cast(${text} AS DOUBLE))${parquet ? '' : ` OR NOT regexp_full_match(${text}, ${NUMBER_TEXT})`})`;
      break;
    case 'date':
      if (parquet && !spec.format && kind === 'DATE') wrong = undefined;
      else if (parquet && !spec.format) wrong = `try_cast(${col} AS DATE) IS NULL`;
      else if (spec.format) wrong = `try(${duckDateExpression(text, spec.format, spec.timezone)}) IS NULL`;
      else wrong = `(NOT regexp_full_match(${text}, '\\d{4}-\\d{2}-\\d{2}') OR try_cast(${text} AS DATE) IS NULL)`;
      break;
  }
  // Every row of a time series needs its date; elsewhere an empty cell is a missing value.
  if (isDateColumn) return wrong ? `(${missing} OR ${wrong})` : missing;
  return wrong ? `(${present} AND ${wrong})` : undefined;
}

/**
 * A checked cell in its declared SQL type, as Tally's parser reads it: an empty or blank cell is
 * missing (NULL), a number or date is parsed from the trimmed text.
 */
function typedValue(col: string, spec: ColumnSpec, parquet: boolean): string {
  const text = parquet ? `CAST(${col} AS VARCHAR)` : col;
  const present = parquet ? col : `nullif(trim(${col}), '')`;
  switch (spec.type) {
    case 'string':
      return `CAST(${col} AS VARCHAR)`;
    case 'boolean':
      return parquet ? `CAST(${col} AS BOOLEAN)` : `CASE trim(${col}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
    case 'number':
      // DuckDB's cast trims, and reads a blank cell as no number.
      return parquet ? `CAST(${col} AS DOUBLE)` : `TRY_CAST(${col} AS DOUBLE)`;
    case 'integer':
      // Through DOUBLE only when the text is not a plain integer (1e3, 2.0): exact up to 2^63 otherwise.
      return parquet ? `CAST(${col} AS BIGINT)` : `coalesce(TRY_CAST(${present} AS BIGINT), CAST(CAST(${present} AS DOUBLE) AS BIGINT))`;
    case 'date':
      if (spec.format) return `CASE WHEN ${present} IS NULL THEN NULL ELSE ${duckDateExpression(text, spec.format, spec.timezone)} END`;
      return parquet ? `CAST(${col} AS DATE)` : `CAST(${present} AS DATE)`;
  }
}
