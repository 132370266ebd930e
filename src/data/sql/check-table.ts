import { fail } from '../../core/errors.ts';
import { typeLabel, type ColumnSpec } from '../column-types.ts';
import { dataFileAbs, dataFilePath } from '../data-roots.ts';
import { duckDateExpression } from '../date-format.ts';
import { formatOf } from '../file-format.ts';
import type { ManifestEntry } from '../manifest.ts';
import { quoteIdent, quoteString, sqlEngine, withConnection } from './instance.ts';

/**
 * Checks a table DuckDB reads without Tally's own parser: a Parquet file, or a CSV/TSV too large
 * to parse in the JavaScript heap. Every declared column must exist, and every cell must be of
 * its declared type by the same rules as Tally's parser (YYYY-MM-DD or the declared format for
 * dates, finite numbers, whole integers, true/false); the first bad cell fails with its line
 * (a CSV's data row n is on line n + 1, quoted line breaks aside) or row (Parquet) and column.
 */
export async function checkTableWithDuckDb(id: string, entry: ManifestEntry, dateColumn: string | undefined): Promise<void> {
  const format = formatOf(id, entry.format);
  const abs = dataFileAbs(id);
  const loc = dataFilePath(id);
  const parquet = format === 'parquet';
  const read = parquet
    ? `read_parquet(${quoteString(abs)})`
    : `read_csv(${quoteString(abs)}, header = true, delim = ${quoteString(entry.delimiter ?? (format === 'tsv' ? '\t' : ','))}, quote = '"', escape = '"', all_varchar = true)`;
  const engine = await sqlEngine();
  await withConnection(engine, async (conn) => {
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${read}`).catch((e: Error) => fail('BadDataFile', { file: loc }, `DuckDB could not read ${loc}: ${e.message.split('\n')[0]}`));
    const names = described.getRowObjectsJson().map((r) => String(r.column_name));
    const columns = Object.entries(entry.columns ?? {});
    for (const [c] of columns) if (!names.includes(c)) fail('UnknownColumn', { file: loc, line: parquet ? undefined : 1 }, c, id, names);
    // One scan for every column, with no row numbers (parallel, stops at the first bad row): a
    // valid file, the usual case, is read once, not once per column (a 1 GB CSV of six checked
    // columns took six window scans). Only a file with a bad cell pays the per-column search below.
    const conditions = columns.flatMap(([c, spec]) => badCellCondition(quoteIdent(c), spec, parquet, c === dateColumn) ?? []);
    if (conditions.length === 0) return;
    const anyBad = await conn
      .runAndReadAll(`SELECT 1 FROM ${read} WHERE ${conditions.join(' OR ')} LIMIT 1`)
      .catch((e: Error) => fail('BadDataFile', { file: loc }, `DuckDB could not read ${loc}: ${e.message.split('\n')[0]}`));
    if (anyBad.getRows().length === 0) return;
    for (const [c, spec] of columns) {
      const bad = badCellCondition(quoteIdent(c), spec, parquet, c === dateColumn);
      if (!bad) continue;
      const found = await conn
        .runAndReadAll(`SELECT n, CAST(${quoteIdent(c)} AS VARCHAR) AS cell FROM (SELECT row_number() OVER () AS n, ${quoteIdent(c)} FROM ${read}) WHERE ${bad} LIMIT 1`)
        .catch((e: Error) => fail('BadDataFile', { file: loc }, `DuckDB could not read ${loc}: ${e.message.split('\n')[0]}`));
      const row = found.getRowObjectsJson()[0];
      if (!row) continue;
      const n = Number(row.n);
      const cell = row.cell === null ? '' : String(row.cell);
      if (parquet) fail('BadTableRow', { file: loc }, loc, n, c, typeLabel(spec), cell);
      fail('BadCell', { file: loc, line: n + 1, column: names.indexOf(c) + 1 }, c, typeLabel(spec), cell);
    }
  });
}

/** SQL true for a cell Tally's parser would refuse (a text cell for CSV, a typed value for Parquet). */
function badCellCondition(col: string, spec: ColumnSpec, parquet: boolean, isDateColumn: boolean): string | undefined {
  const missing = parquet ? `${col} IS NULL` : `(${col} IS NULL OR trim(${col}) = '')`;
  const present = `NOT ${missing}`;
  const text = parquet ? `CAST(${col} AS VARCHAR)` : `trim(${col})`;
  let wrong: string | undefined;
  switch (spec.type) {
    case 'string':
      wrong = undefined;
      break;
    case 'boolean':
      wrong = parquet ? `try_cast(${col} AS BOOLEAN) IS NULL` : `${text} NOT IN ('true', 'false')`;
      break;
    case 'number':
      wrong = `(try_cast(${text} AS DOUBLE) IS NULL OR NOT isfinite(try_cast(${text} AS DOUBLE))${parquet ? '' : ` OR NOT regexp_full_match(${text}, '[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?')`})`;
      break;
    case 'integer':
      wrong = `(try_cast(${text} AS DOUBLE) IS NULL OR try_cast(${text} AS DOUBLE) <> floor(try_cast(${text} AS DOUBLE))${parquet ? '' : ` OR NOT regexp_full_match(${text}, '[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?')`})`;
      break;
    case 'date':
      if (parquet && !spec.format) wrong = `try_cast(${col} AS DATE) IS NULL`;
      else if (spec.format) wrong = `try(${duckDateExpression(text, spec.format, spec.timezone)}) IS NULL`;
      else wrong = `(NOT regexp_full_match(${text}, '\\d{4}-\\d{2}-\\d{2}') OR try_cast(${text} AS DATE) IS NULL)`;
      break;
  }
  // Every row of a time series needs its date; elsewhere an empty cell is a missing value.
  if (isDateColumn) return wrong ? `(${missing} OR ${wrong})` : missing;
  return wrong ? `(${present} AND ${wrong})` : undefined;
}
