import path from 'node:path';

/** How a data file is read. The extension says, unless the manifest's `format` does. */
export const FILE_FORMATS = ['csv', 'tsv', 'json', 'ndjson', 'yaml', 'parquet', 'geojson', 'topojson'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.parquet': 'parquet',
  '.geojson': 'geojson',
  '.topojson': 'topojson',
};

/** Extensions of the files a data folder holds: each needs a manifest entry. */
export const DATA_EXTENSIONS = Object.keys(BY_EXTENSION);

export function formatOf(file: string, declared?: FileFormat): FileFormat | undefined {
  return declared ?? BY_EXTENSION[path.extname(file).toLowerCase()];
}

/** Formats whose rows Tally parses as text (a table with lines); Parquet is read by DuckDB only. */
export function isDelimited(format: FileFormat): format is 'csv' | 'tsv' {
  return format === 'csv' || format === 'tsv';
}
