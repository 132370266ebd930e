import { fail, type Loc } from '../core/errors.ts';
import type { Table } from './column-types.ts';
import { formatOf, type FileFormat } from './file-format.ts';
import type { ManifestEntry } from './manifest.ts';
import { parseCsv } from './parse-csv.ts';
import { parseJson, parseNdjson, parseYaml, recordsToTable, valueAt } from './parse-structured.ts';

/** A data file's content as Tally reads it: typed rows when the manifest declares columns, and the document (JSON, YAML). */
export interface ParsedData {
  table: Table | undefined;
  document: unknown;
}

/**
 * Parses a data file's text by its format (CSV, TSV, JSON, NDJSON, YAML, GeoJSON, TopoJSON) with
 * the manifest's columns. Each row keeps its source line. Parquet is binary: DuckDB reads it
 * (t.sql), so it has no text parse here.
 */
export function parseDataText(file: string, text: string, entry: ManifestEntry, loc: string, dateColumn: string | undefined): ParsedData {
  const format = formatOf(file, entry.format) as FileFormat;
  const opts = { file, loc, dateColumn, text };
  const columns = entry.columns;
  switch (format) {
    case 'csv':
    case 'tsv':
      return { table: parseCsv(text, { ...opts, columns: columns ?? {}, delimiter: entry.delimiter ?? (format === 'tsv' ? '\t' : ',') }), document: undefined };
    case 'ndjson': {
      const { records, lines } = parseNdjson(text, opts);
      return { table: columns ? recordsToTable(records, { ...opts, columns, lines }) : undefined, document: records };
    }
    case 'parquet':
      parquetIsNotText(file, { file: loc });
    // falls through: fail never returns
    default: {
      const document = format === 'yaml' ? parseYaml(text, opts) : parseJson(text, opts);
      if (!columns) return { table: undefined, document };
      const records = recordsOf(document, entry, format, file, loc);
      // Records found through a property are not the top-level array the line scan reads.
      return { table: recordsToTable(records, { ...opts, columns, ...(records === document ? {} : { lines: [] }) }), document };
    }
  }
}

/** The array of records a document holds: itself, what `property` names, or a GeoJSON collection's features. */
function recordsOf(document: unknown, entry: ManifestEntry, format: FileFormat, file: string, loc: string): unknown {
  const property = entry.property ?? (format === 'geojson' ? 'features' : undefined);
  if (property === undefined) return document;
  const records = valueAt(document, property);
  if (!Array.isArray(records)) fail('BadDataFile', { file: loc }, `${file}: "${property}" (the manifest's property) is not an array of records in the document.`);
  return records;
}

/** A Parquet file named where a whole file is read as text (t.data, t.doc, a chart's "url"): refused at `loc`, the place that names it. */
export function parquetIsNotText(file: string, loc: Loc): never {
  return fail('BadDataFile', loc, `${file} is a Parquet file, which only DuckDB reads: t.data, t.doc and a chart's "url" cannot.`, `Query it with t.sql over \${t.table(${JSON.stringify(file)})} in figures.ts; a chart reads the query's result as a dataset (return it from datasets).`);
}
