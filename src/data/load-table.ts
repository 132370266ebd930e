import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail, type Loc } from '../core/errors.ts';
import { rel } from '../core/paths.ts';
import type { ColumnType, Table } from './column-types.ts';
import { dataFileAbs, dataFilePath, issueDataRoot, issueOfFile, manifestPathOf } from './data-roots.ts';
import { listDataFiles, manifestEntry, type ManifestEntry } from './manifest.ts';
import { formatOf, isDelimited } from './file-format.ts';
import { parquetIsNotText, parseDataText } from './parse-data-text.ts';
import { resolveDataPath } from './resolve-data-path.ts';

/** A data file as loaded: its manifest entry, a digest of its bytes, and its content. */
export interface LoadedFile {
  entry: ManifestEntry;
  digest: string;
  /** Typed rows when the manifest declares columns. */
  table: Table | undefined;
  /** The parsed document (JSON/YAML), or undefined for CSV. */
  document: unknown;
}

const cache = new Map<string, { stamp: string; loaded: LoadedFile }>();
/**
 * Parsed files kept in memory, least recently used first out. A build reads one issue's files
 * at a time, several times over (figures, charts, sources); keeping every file of a large
 * archive would hold gigabytes of rows.
 */
const CACHED_FILES = 64;

/**
 * Loads a data file named by a data URL: `from` (the file that names it, the location's file by
 * default) decides whether the issue's own data/ is looked in first (see resolveDataPath).
 */
export function loadDataFile(url: string, loc: Loc | undefined, from?: string): LoadedFile {
  const { file } = resolveDataPath(url, loc, from);
  return loadDataFileById(file, loc, url);
}

/** Ids of the files a reference from `from` can name: the issue's own first, then the shared ones. */
export function knownDataFiles(from: string | undefined): string[] {
  const issue = issueOfFile(from);
  const root = issue === undefined ? undefined : issueDataRoot(issue);
  const local = root ? listDataFiles(root).map((id) => id.slice(root.prefix.length)) : [];
  return [...local, ...listDataFiles()];
}

/**
 * Loads a data file by its id (see data-roots.ts). Parsed once per change: the cache is keyed by
 * the file's stamp and its manifest entry, so an edit of either in `astro dev` is read again.
 */
export function loadDataFileById(file: string, loc: Loc | undefined, url = file): LoadedFile {
  const abs = dataFileAbs(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) fail('UnknownDataFile', loc, url, knownDataFiles(loc?.file), issueOfFile(loc?.file));
  const stat = fs.statSync(abs);
  const entry = manifestEntry(file);
  if (!entry) fail('Manifest', loc, `${dataFilePath(file)} has no entry in ${manifestPathOf(file)}.`);
  // Refused where the file is named (a spec's "url", a t.data line), which is what the author changes.
  if (formatOf(file, entry.format) === 'parquet') parquetIsNotText(file, loc ?? { file: rel(abs) });
  const limit = maxDataBytes();
  if (stat.size > limit) fail('DataFileTooLarge', loc ?? { file: rel(abs) }, dataFilePath(file), stat.size, limit);
  // The change time and inode too: a rewrite that keeps the size and modification time changes them.
  const stamp = `${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.size}`;
  const hit = cache.get(abs);
  // The manifest is parsed again only when it changed: the same entry object means the same types.
  if (hit && hit.stamp === stamp && hit.loaded.entry === entry) {
    cache.delete(abs);
    cache.set(abs, hit);
    return hit.loaded;
  }

  const bytes = fs.readFileSync(abs);
  const text = bytes.toString('utf8');
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  let { table, document } = parseDataText(file, text, entry, rel(abs), dateColumnOf(entry));
  if (table?.dateColumn) table = sortByDate(table, table.dateColumn);
  const loaded = { entry, digest, table, document };
  cache.delete(abs);
  cache.set(abs, { stamp, loaded });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return loaded;
}

/**
 * The largest data file Tally parses into the JavaScript heap (t.data, t.doc, a chart's
 * "url"): 100 MB unless TALLY_MAX_DATA_MB says otherwise. Its rows are held typed in memory
 * (and a chart inlines them into Vega), so a multi-gigabyte export would exhaust the heap.
 * t.sql over ${t.table(file)} reads a file of any size through DuckDB instead.
 */
export function maxDataBytes(): number {
  const mb = Number(process.env.TALLY_MAX_DATA_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 100) * 1024 * 1024;
}

export function dateColumnOf(entry: ManifestEntry): string | undefined {
  if (entry.dateColumn) return entry.dateColumn;
  const cols = entry.columns ?? {};
  return Object.keys(cols).find((c) => cols[c]!.type === ('date' satisfies ColumnType));
}

function sortByDate(table: Table, col: string): Table {
  const order = table.rows.map((_, i) => i);
  const column = isDelimited(formatOf(table.file) ?? 'json') ? Object.keys(table.columns).indexOf(col) + 1 : 0;
  table.rows.forEach((row, i) => {
    if (row[col] === null) {
      const line = table.lines[i] || undefined;
      fail('BadCell', { file: dataFilePath(table.file), line, column: line && column ? column : undefined }, col, 'date', '');
    }
  });
  order.sort((a, b) => String(table.rows[a]![col]).localeCompare(String(table.rows[b]![col])) || a - b);
  return { ...table, rows: order.map((i) => table.rows[i]!), lines: order.map((i) => table.lines[i]!) };
}
