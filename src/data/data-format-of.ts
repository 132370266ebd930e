import fs from 'node:fs';
import { formatOf, type FileFormat } from './file-format.ts';

/** A file's format, and whether its extension says it (then the manifest needs no `format:`). */
export interface FormatOf {
  readonly format: FileFormat;
  readonly fromExtension: boolean;
}

/**
 * The format of a data file: its extension's, except that a `.json` file of one record per line
 * is NDJSON; a file with no known extension is told by its first bytes (Parquet's magic, a JSON
 * bracket, else delimited text).
 */
export function dataFormatOf(abs: string, head: string = readHead(abs, 4096)): FormatOf {
  const byExtension = formatOf(abs);
  if (byExtension === 'json' && looksLikeNdjson(head)) return { format: 'ndjson', fromExtension: false };
  // A map saved as .json (us-10m.json): a document to draw, not records with columns.
  const geo = byExtension === 'json' ? GEO_DOCUMENT.exec(head.replace(/^\uFEFF/, ''))?.[1] : undefined;
  if (geo) return { format: geo === 'Topology' ? 'topojson' : 'geojson', fromExtension: false };
  if (byExtension) return { format: byExtension, fromExtension: true };
  if (head.startsWith('PAR1')) return { format: 'parquet', fromExtension: false };
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '[') return { format: 'json', fromExtension: false };
  if (first === '{') return { format: looksLikeNdjson(head) ? 'ndjson' : 'json', fromExtension: false };
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  return { format: header.includes('\t') && !header.includes(',') ? 'tsv' : 'csv', fromExtension: false };
}

const GEO_DOCUMENT = /^\s*\{\s*"type"\s*:\s*"(Topology|FeatureCollection)"/;

/** Up to `bytes` of a file's start, as text. */
export function readHead(abs: string, bytes: number): string {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** A first line that is a whole JSON object, with another line after it. */
function looksLikeNdjson(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2 || !lines[0]!.trimStart().startsWith('{')) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}
