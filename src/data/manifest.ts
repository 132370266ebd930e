import fs from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { buildMemo } from '../cache/stores.ts';
import { fail } from '../core/errors.ts';
import { rel } from '../core/paths.ts';
import { isCalendarDate, type CalendarDate } from './calendar-date.ts';
import { COLUMN_TYPES, type ColumnSpec, type ColumnSpecs } from './column-types.ts';
import { dateFormatProblem, timeZoneProblem } from './date-format.ts';
import { DATA_EXTENSIONS, FILE_FORMATS, formatOf } from './file-format.ts';
import { keptManifest } from './manifest-cache.ts';
import { suggestEntry } from './suggest-entry.ts';
import { dataFilePath, issueDataRoots, rootOf, sharedRoot, type DataRoot } from './data-roots.ts';

const calendarDate = z.string({ error: 'must be a calendar date written YYYY-MM-DD' }).refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD');

/** Text an entry must give, with what to write there when it is missing or empty. */
const text = (what: string) => z.string({ error: `must be text: ${what}` }).min(1, `is empty: write ${what}`);

const columnSchema = z
  .object({
    type: z.enum(COLUMN_TYPES),
    format: z.string().min(1).optional(),
    timezone: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
  })
  .strict();

const entrySchema = z
  .object({
    title: text('the dataset\'s name as readers see it under "Sources and method"'),
    source: text('who publishes the data (an agency, a company, "constructed for this issue")'),
    url: z.string({ error: 'must be the address of the source, written https://…' }).url('must be a full address of the source, written https://… (where readers can check it)'),
    licence: text('the licence the data is published under (e.g. "CC BY 4.0", "public domain")'),
    retrieved: calendarDate,
    illustrative: z.boolean({ error: 'must be true (constructed or example data, marked as such to readers) or false (real data)' }),
    note: z.string().optional(),
    columns: z.record(z.string(), z.union([z.enum(COLUMN_TYPES), columnSchema])).optional(),
    dateColumn: z.string().optional(),
    format: z.enum(FILE_FORMATS).optional(),
    delimiter: z.string().length(1).optional(),
    property: z.string().min(1).optional(),
  })
  .strict();

/** What the manifest says of one data file: where it comes from and how to read it. */
export type ManifestEntry = Omit<z.infer<typeof entrySchema>, 'columns'> & { retrieved: CalendarDate; file: string; columns?: ColumnSpecs };

export const MANIFEST_FILE = 'manifest.yaml';
export { DATA_EXTENSIONS };

/**
 * Reads a data folder's manifest.yaml (the shared data/ unless an issue's own folder is given)
 * and checks it against the folder: every data file has an entry, every entry has a file,
 * every field is valid. Keys are file ids (see data-roots.ts). YAML 1.2, so `no` is not false.
 */
export function readManifest(root: DataRoot = sharedRoot()): Map<string, ManifestEntry> {
  const dir = root.dir;
  const abs = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(abs)) {
    // An issue without a data folder has nothing to declare; a folder with files needs its manifest.
    if (root.issue !== undefined && listDataFiles(root).length === 0) return new Map();
    fail('Manifest', { file: rel(abs) }, `${rel(abs)} is missing.`);
  }
  // Read once per change. The stamp covers the manifest's own bytes and the set of data files:
  // a file added or removed changes the modification time of its folder, so stat-ing the
  // folders (not listing every file, thousands of times a build) is enough.
  const stat = fs.statSync(abs);
  // In a build, parsed once for every copy of this module (the integration's, Vite's bundle's).
  const cached = buildMemo<Parsed>('manifests') ?? ownCache;
  const hit = cached.get(dir);
  const folders = hit?.folders ?? [dir];
  const stamp = [`${stat.mtimeMs}:${stat.size}`, ...folders.map((f) => `${f}:${mtimeOf(f)}`)].join('|');
  if (hit && hit.stamp === stamp) return hit.entries;
  const text = fs.readFileSync(abs, 'utf8');
  const entries = keptManifest([root.prefix, root.issue ?? ''], text, () => parseManifest(root, abs, text), (kept) => folderHolds(root, kept));
  const now = [dir, ...dataFolders(dir)];
  cached.set(dir, { folders: now, stamp: [`${stat.mtimeMs}:${stat.size}`, ...now.map((f) => `${f}:${mtimeOf(f)}`)].join('|'), entries });
  return entries;
}

/** The manifest entry of a file id, from the manifest of the folder that holds it. */
export function manifestEntry(id: string): ManifestEntry | undefined {
  const root = rootOf(id);
  if (root.issue !== undefined && !fs.existsSync(root.dir)) return undefined;
  return readManifest(root).get(id);
}

/** Every declared file: the shared manifest's entries, then each issue's own. */
export function allManifestEntries(): Map<string, ManifestEntry> {
  const all = new Map(readManifest());
  for (const root of issueDataRoots()) for (const [id, entry] of readManifest(root)) all.set(id, entry);
  return all;
}

interface Parsed {
  folders: string[];
  stamp: string;
  entries: Map<string, ManifestEntry>;
}

const ownCache = new Map<string, Parsed>();

function mtimeOf(folder: string): number {
  try {
    return fs.statSync(folder).mtimeMs;
  } catch {
    return -1;
  }
}

function dataFolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isDirectory()).map((d) => path.join(d.parentPath, d.name));
}

/** True when the folder still answers every question the parse asked of it: each entry's file exists, each data file has an entry. */
function folderHolds(root: DataRoot, entries: Map<string, ManifestEntry>): boolean {
  for (const id of entries.keys()) if (!fs.existsSync(path.join(root.dir, id.slice(root.prefix.length)))) return false;
  return listDataFiles(root).every((id) => entries.has(id));
}

function parseManifest(root: DataRoot, abs: string, text: string): Map<string, ManifestEntry> {
  const dir = root.dir;
  const loc = rel(abs);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    fail('Manifest', { file: loc, line: at.line, column: at.col }, `${loc} is not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const lineOf = (keyPath: (string | number)[]): number | undefined => {
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    const pair = keyPath.length ? (doc.getIn(keyPath.slice(0, -1), true) as unknown) : undefined;
    const key = isMap(pair) ? (pair.items.find((i) => isScalar(i.key) && i.key.value === keyPath.at(-1))?.key as { range?: [number, number, number] } | undefined) : undefined;
    const range = node?.range ?? key?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  // An empty manifest (a new site with no data yet, or only comments) declares no file.
  const raw = (doc.toJS() as unknown) ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('Manifest', { file: loc, line: 1 }, `${loc} must map each data file name to its entry.`);
  }

  const entries = new Map<string, ManifestEntry>();
  for (const [file, value] of Object.entries(raw)) {
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || '(entry)';
      fail('Manifest', { file: loc, line: lineOf([file, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]) ?? lineOf([file]) }, `The entry for "${file}" in ${loc}: field "${field}" ${issue.message}.`);
    }
    const entry = parsed.data;
    const columns = entry.columns && normalizeColumns(entry.columns, (column, field, why) => fail('Manifest', { file: loc, line: lineOf([file, 'columns', column, field]) ?? lineOf([file, 'columns', column]) }, `The entry for "${file}" in ${loc}: column "${column}": ${why}.`));
    if (entry.dateColumn && columns?.[entry.dateColumn]?.type !== 'date') {
      fail('Manifest', { file: loc, line: lineOf([file, 'dateColumn']) }, `The entry for "${file}" names dateColumn "${entry.dateColumn}", which is not declared as a date column.`);
    }
    if (!fs.existsSync(path.join(dir, file))) {
      fail('Manifest', { file: loc, line: lineOf([file]) }, `${loc} has an entry for "${file}", but ${root.label}/${file} does not exist.`);
    }
    const format = formatOf(file, entry.format);
    if (!format) {
      fail('Manifest', { file: loc, line: lineOf([file]) }, `The entry for "${file}" in ${loc} needs "format" (one of ${FILE_FORMATS.join(', ')}): the file's extension does not say how to read it.`);
    }
    if ((format === 'csv' || format === 'tsv' || format === 'parquet') && !entry.columns) {
      fail('Manifest', { file: loc, line: lineOf([file]) }, `The entry for "${file}" needs "columns": a ${format === 'parquet' ? 'Parquet file' : 'CSV'}'s column types are declared, never guessed.`);
    }
    if (entry.delimiter !== undefined && format !== 'csv' && format !== 'tsv') {
      fail('Manifest', { file: loc, line: lineOf([file, 'delimiter']) }, `The entry for "${file}" has a "delimiter", which only CSV and TSV files have.`);
    }
    if (entry.property !== undefined && !['json', 'yaml', 'geojson', 'topojson'].includes(format)) {
      fail('Manifest', { file: loc, line: lineOf([file, 'property']) }, `The entry for "${file}" has a "property" (the path to the records inside a document), which only JSON and YAML documents have.`);
    }
    if (root.issue === undefined && /^content\/issues\//.test(file)) {
      fail('Manifest', { file: loc, line: lineOf([file]) }, `The entry "${file}" in ${loc} names a path under content/issues/, which is how an issue's own data files are named: move it to another folder of data/, or into the issue's own data folder with its entry in that folder's manifest.yaml.`);
    }
    const id = root.prefix + file;
    entries.set(id, { ...entry, columns, retrieved: entry.retrieved as CalendarDate, file: id });
  }
  for (const id of listDataFiles(root)) {
    if (!entries.has(id)) {
      fail('Manifest', { file: loc }, `${dataFilePath(id)} has no entry in ${loc}; every data file needs its provenance (title, source, url, licence, retrieved, illustrative). Add this entry to ${loc} and fill in its blanks (\`npm run data:add -- ${dataFilePath(id)} --write\` appends it):\n\n${suggestEntry(root, id)}\n`);
    }
  }
  return entries;
}

/** Each column as a spec (`date` → `{ type: 'date' }`), its format and time zone checked. */
function normalizeColumns(columns: Record<string, (typeof COLUMN_TYPES)[number] | ColumnSpec>, refuse: (column: string, field: string, why: string) => never): ColumnSpecs {
  const out: Record<string, ColumnSpec> = {};
  for (const [column, declared] of Object.entries(columns)) {
    const spec: ColumnSpec = typeof declared === 'string' ? { type: declared } : declared;
    if (spec.path !== undefined && !/^[^.]+(\.[^.]+)*$/.test(spec.path)) refuse(column, 'path', `the path "${spec.path}" must be keys joined by dots, e.g. "stats.close"`);
    if (spec.format !== undefined) {
      if (spec.type !== 'date') refuse(column, 'format', `a format applies to dates only (this column is ${spec.type})`);
      const problem = dateFormatProblem(spec.format);
      if (problem) refuse(column, 'format', `the format "${spec.format}" ${problem}`);
    }
    if (spec.timezone !== undefined) {
      if (!spec.format?.endsWith('%Z')) refuse(column, 'timezone', 'a time zone applies to timestamps written with their UTC offset (a format ending in %Z, e.g. "%Y-%m-%dT%H:%M:%S%Z"); a date without one is read as the day written');
      const problem = timeZoneProblem(spec.timezone);
      if (problem) refuse(column, 'timezone', `"${spec.timezone}" ${problem}`);
    }
    out[column] = { type: spec.type, ...(spec.format ? { format: spec.format } : {}), ...(spec.timezone ? { timezone: spec.timezone } : {}), ...(spec.path ? { path: spec.path } : {}) };
  }
  return out;
}

/** Ids of the data files in a folder (the shared data/ unless another is given), in name order. */
export function listDataFiles(root: DataRoot = sharedRoot()): string[] {
  const dir = root.dir;
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && DATA_EXTENSIONS.includes(path.extname(d.name)) && d.name !== MANIFEST_FILE)
    .map((d) => root.prefix + path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}
