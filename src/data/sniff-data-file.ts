import fs from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fail } from '../core/errors.ts';
import { rel } from '../core/paths.ts';
import { dataFormatOf, readHead } from './data-format-of.ts';
import { dateSpec, inferTextColumn, type SuggestedColumn } from './infer-column.ts';
import type { FileFormat } from './file-format.ts';
import { entryLines, today } from './manifest-entry-text.ts';
import { quoteString } from './sql/instance.ts';

/** What DuckDB reads of a data file: its format, its delimiter (delimited text) and its columns with Tally's types. */
export interface SniffedFile {
  readonly format: FileFormat;
  /** The extension says the format: the manifest needs no `format:`. */
  readonly fromExtension: boolean;
  readonly delimiter?: string | undefined;
  /** Where a JSON document holds its records, when it is an object rather than an array. */
  readonly property?: string | undefined;
  readonly columns: readonly SuggestedColumn[];
}

/** The rows whose text is checked against date formats: the sniffer's own default sample. */
const SAMPLE_ROWS = 20480;
const INTEGER = /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/;
const NUMBER = /^(DOUBLE|FLOAT|REAL|DECIMAL(\(.*\))?)$/;
const TIMESTAMP = /^TIMESTAMP/;

/**
 * Reads a data file's shape with DuckDB, in an in-memory instance of its own that may read
 * that one file and nothing else: `sniff_csv()` for CSV and TSV (delimiter, header, types,
 * date and timestamp formats), `DESCRIBE` over `read_json_auto` / `read_parquet` otherwise.
 * Dates are then checked cell by cell with the build's own parser, so a suggested format is
 * one the build reads: DuckDB leaves `Jan 1 2000` as text, and reads ISO timestamps with no
 * format to report.
 */
export async function sniffDataFile(abs: string): Promise<SniffedFile> {
  if (fs.statSync(abs).size === 0) fail('DataAdd', { file: rel(abs) }, `${rel(abs)} is empty.`, 'Add the data (for a CSV, a header line naming each column, then the rows), then run the command again.');
  const { format, fromExtension } = dataFormatOf(abs);
  if (format === 'yaml' || format === 'geojson' || format === 'topojson') return { format, fromExtension, columns: [] };
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const conn = await instance.connect();
    try {
      await confineTo(conn, abs);
      if (format === 'csv' || format === 'tsv') return { format, fromExtension, ...(await sniffDelimited(conn, abs, format)) };
      if (format === 'parquet') {
        const described = await rowsOf(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteString(abs)})`, abs);
        return { format, fromExtension, columns: described.map((r) => typed(String(r.column_name), String(r.column_type), undefined)) };
      }
      return { format, fromExtension, ...(await sniffJson(conn, abs, format)) };
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The manifest entry of a data file (`key`: its path inside its data folder), as `npm run data:add` prints it. */
export async function sniffedEntry(abs: string, key: string): Promise<string[]> {
  const s = await sniffDataFile(abs);
  return entryLines({ key, format: s.fromExtension ? undefined : s.format, delimiter: s.delimiter, property: s.property, columns: s.columns }, { today: today() });
}

/** Only this file is readable; nothing is installed or loaded; a query cannot undo either. */
async function confineTo(conn: DuckDBConnection, abs: string): Promise<void> {
  await conn.run(`SET allowed_paths = [${quoteString(abs)}]`);
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  await conn.run('SET enable_external_access = false');
  await conn.run('SET lock_configuration = true');
}

async function sniffDelimited(conn: DuckDBConnection, abs: string, format: 'csv' | 'tsv'): Promise<{ delimiter: string | undefined; columns: SuggestedColumn[] }> {
  const [sniff] = await rowsOf(conn, `SELECT Delimiter, HasHeader, Columns, DateFormat, TimestampFormat FROM sniff_csv(${quoteString(abs)}, sample_size = ${SAMPLE_ROWS})`, abs);
  if (!sniff) fail('DataAdd', { file: rel(abs) }, `DuckDB's sniffer read nothing from ${rel(abs)}.`, 'Check that the file holds a header line and rows.');
  const delimiter = String(sniff.Delimiter);
  if (sniff.HasHeader !== true) {
    fail('DataAdd', { file: rel(abs), line: 1 }, `DuckDB's sniffer found no header row in ${rel(abs)}: its first line looks like data.`, 'Tally reads the first line of a CSV or TSV as its column names: add a header line naming each column, then run the command again.');
  }
  const schema = (sniff.Columns as { name: string; type: string }[]).map((c) => ({ name: String(c.name), type: String(c.type) }));
  const text = await rowsOf(conn, `SELECT * FROM read_csv(${quoteString(abs)}, delim = ${quoteString(delimiter)}, header = true, all_varchar = true) LIMIT ${SAMPLE_ROWS}`, abs);
  const formats = { date: d3Format(sniff.DateFormat), timestamp: d3Format(sniff.TimestampFormat) };
  const columns = schema.map((c) => typed(c.name, c.type, { cells: text.map((r) => cellText(r[c.name])), ...formats }));
  return { delimiter: delimiter === (format === 'tsv' ? '\t' : ',') ? undefined : delimiter, columns };
}

/**
 * JSON and NDJSON: DuckDB's schema of the records (an object holding one array of records is
 * read through that `property`), nested objects flattened to columns with their `path`, and each
 * value's text as written (json_extract_string) for the date check.
 */
async function sniffJson(conn: DuckDBConnection, abs: string, format: 'json' | 'ndjson'): Promise<{ property: string | undefined; columns: SuggestedColumn[] }> {
  const jsonFormat = quoteString(format === 'ndjson' ? 'newline_delimited' : 'auto');
  const described = await rowsOf(conn, `DESCRIBE SELECT * FROM read_json_auto(${quoteString(abs)}, format = ${jsonFormat})`, abs);
  let fields: Field[] = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  let property: string | undefined;
  const records = fields.filter((f) => /^STRUCT\(.*\)\[\]$/.test(f.type));
  if (format === 'json' && records.length === 1 && fields.length <= 3 && readHead(abs, 64).replace(/^\uFEFF/, '').trimStart().startsWith('{')) {
    property = records[0]!.name;
    fields = structFields(records[0]!.type.slice(0, -2)) ?? fields;
  }
  const leaves = fields.flatMap((f) => leavesOf([f.name], f.type));
  const objects = `read_json_objects(${quoteString(abs)}, format = ${jsonFormat})`;
  const from = property === undefined ? `(SELECT json AS j FROM ${objects})` : `(SELECT unnest(json_extract(json, ${quoteString(`${jsonPath([property])}[*]`)})) AS j FROM ${objects})`;
  const select = leaves.map((l, i) => `json_extract_string(j, ${quoteString(jsonPath(l.path))}) AS c${i}`).join(', ');
  const text = leaves.length ? await rowsOf(conn, `SELECT ${select} FROM ${from} LIMIT ${SAMPLE_ROWS}`, abs) : [];
  const lastNames = leaves.map((l) => l.path.at(-1)!);
  const columns = leaves.map((l, i) => {
    const name = l.path.length === 1 || lastNames.indexOf(lastNames[i]!) !== lastNames.lastIndexOf(lastNames[i]!) ? l.path.join('_') : lastNames[i]!;
    const column = typed(name, l.type, { cells: text.map((r) => cellText(r[`c${i}`])) });
    return l.path.length === 1 ? column : { ...column, spec: { ...column.spec, path: l.path.join('.') } };
  });
  return { property, columns };
}

interface Field {
  readonly name: string;
  readonly type: string;
}

/** Scalar fields of a record, nested objects followed down: `stats.close`. Lists stay whole. */
function leavesOf(path: string[], type: string): { path: string[]; type: string }[] {
  const inner = structFields(type);
  if (!inner) return [{ path, type }];
  return inner.flatMap((f) => leavesOf([...path, f.name], f.type));
}

/** The fields of a DuckDB `STRUCT(a BIGINT, "b c" STRUCT(d DOUBLE))` type; undefined for any other type. */
export function structFields(type: string): Field[] | undefined {
  if (!type.startsWith('STRUCT(') || !type.endsWith(')')) return undefined;
  const body = type.slice('STRUCT('.length, -1);
  const fields: Field[] = [];
  let i = 0;
  while (i < body.length) {
    let name = '';
    if (body[i] === '"') {
      for (i++; i < body.length; i++) {
        if (body[i] === '"' && body[i + 1] === '"') name += body[++i];
        else if (body[i] === '"') break;
        else name += body[i];
      }
      i++;
    } else {
      while (i < body.length && body[i] !== ' ') name += body[i++];
    }
    i++;
    let depth = 0;
    let fieldType = '';
    for (; i < body.length && !(depth === 0 && body[i] === ','); i++) {
      if (body[i] === '(') depth++;
      if (body[i] === ')') depth--;
      fieldType += body[i];
    }
    fields.push({ name, type: fieldType.trim() });
    i += 2;
  }
  return fields;
}

/** A DuckDB JSON path to a value: `$."stats"."close"`. */
function jsonPath(path: readonly string[]): string {
  return `$${path.map((k) => `."${k.replaceAll('"', '\\"')}"`).join('')}`;
}

interface TextSample {
  readonly cells: readonly (string | null)[];
  /** The sniffer's formats, in d3 directives, tried first. */
  readonly date?: string | undefined;
  readonly timestamp?: string | undefined;
}

/** Tally's type for a DuckDB type; for a file of text (CSV, JSON) dates are checked against the cells as written. */
function typed(name: string, duckType: string, sample: TextSample | undefined): SuggestedColumn {
  const type = duckType.toUpperCase();
  if (INTEGER.test(type)) return { name, spec: { type: 'integer' } };
  if (NUMBER.test(type)) return { name, spec: { type: 'number' } };
  if (type === 'BOOLEAN') return { name, spec: { type: 'boolean' } };
  const isDate = type === 'DATE' || TIMESTAMP.test(type);
  if (!sample) {
    // Parquet stores dates and instants, not text: there is no written format to declare.
    if (type === 'DATE') return { name, spec: { type: 'date' } };
    if (isDate) return { name, spec: dateSpec('%Y-%m-%dT%H:%M:%S%Z') };
  } else if (isDate || type === 'VARCHAR') {
    const preferred = type === 'DATE' ? sample.date : isDate ? sample.timestamp : undefined;
    const column = inferTextColumn(name, sample.cells, { dateOnly: true, preferred });
    if (column.spec.type === 'date' || !isDate) return column;
    return { name, spec: { type: 'string' }, note: `DuckDB reads it as ${type}, but no date format Tally reads fits every cell: declare its format by hand` };
  }
  if (type === 'VARCHAR') return { name, spec: { type: 'string' } };
  if (type.endsWith('[]')) return { name, spec: { type: 'string' }, skip: true, note: `a list (DuckDB ${oneLine(duckType)}): a column holds one value per record, so it is left out` };
  return { name, spec: { type: 'string' }, note: `DuckDB reads it as ${oneLine(duckType)}: check` };
}

/**
 * A DuckDB strptime format in d3-time-format's directives, which the manifest uses: DuckDB's
 * offset %z is %Z, its milliseconds %g are %L, its unpadded %-d is %e (and d3 reads unpadded
 * months and hours with %m and %H). Undefined when there is none, or no d3 equivalent (%n, a
 * zone name %Z).
 */
export function d3Format(duck: unknown): string | undefined {
  if (typeof duck !== 'string' || duck === '') return undefined;
  let unsupported = false;
  const out = duck.replace(/%(-?)(.)/g, (_, unpadded: string, d: string) => {
    if (d === 'z') return '%Z';
    if (d === 'g') return '%L';
    if (d === 'd' && unpadded) return '%e';
    if (d === 'Z' || d === 'n') unsupported = true;
    return `%${d}`;
  });
  return unsupported ? undefined : out;
}

async function rowsOf(conn: DuckDBConnection, sql: string, abs: string): Promise<Record<string, unknown>[]> {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return fail('DataAdd', { file: rel(abs) }, `DuckDB could not read ${rel(abs)}: ${message}`, 'Check that the file is whole and in the format its extension says (CSV, TSV, JSON, NDJSON, Parquet); a file with another extension needs `format:` in its manifest entry.');
  }
}

function cellText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
