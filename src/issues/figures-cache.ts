import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inBuild, store } from '../cache/stores.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { dataReadsUnchanged, noteDataReads, type DataReads } from '../data/data-reads.ts';
import type { ComputedDataset, ComputedFigure, IssueFigures } from '../figures/compute-figures.ts';

const CODE = /\.(m|c)?(ts|js)$|\.json$/;
/** `import … from "x"`, `export … from "x"`, `import "x"`: the specifier. */
const STATIC_IMPORT = /\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]/g;
/** What makes a module's output depend on more than its folder and its data: loading code at run time, the environment, the clock, chance. */
const OUTSIDE_INPUTS = /\bimport\s*\(|\bimport\.meta\b|\brequire\s*\(|\bprocess\.|\bDate\.now\b|\bnew\s+Date\b|\bMath\.random\b|\bglobalThis\b/;

/**
 * The disk key of an issue's computed figures: the code of its folder (figures.ts and what it
 * imports from beside it), Tally's figure and data code, and the asOf. Undefined when the
 * module imports anything but `#tally` and files of its own folder, or reads the environment,
 * the clock or chance: what it depends on is then not known, and the figures are computed on
 * every build. The data files read are checked apart,
 * against the digests stored with the entry.
 */
export function figuresKey(issueDir: string, asOf: CalendarDate): string | undefined {
  if (!inBuild()) return workOutKey(issueDir, asOf);
  // Asked by the page's key, its reads and each load of its figures; nothing it reads changes during a build.
  const id = `${issueDir}\0${asOf}`;
  if (!builtKeys.has(id)) builtKeys.set(id, workOutKey(issueDir, asOf));
  return builtKeys.get(id);
}

const builtKeys = new Map<string, string | undefined>();

function workOutKey(issueDir: string, asOf: CalendarDate): string | undefined {
  const hash = createHash('sha256').update(`${store('figures').version()}\0${asOf}\0`);
  for (const name of fs.readdirSync(issueDir).filter((f) => CODE.test(f)).sort()) {
    const text = fs.readFileSync(path.join(issueDir, name), 'utf8');
    if (/\.(m|c)?(ts|js)$/.test(name) && !importsOnlyOwnFolder(text)) return undefined;
    hash.update(`${name}\0${text}\0`);
  }
  // Which file a name like "prices.csv" is depends on whether the issue has one of its own:
  // a file added to (or removed from) the issue's data/ must not leave the shared one's figures.
  const own = path.join(issueDir, 'data');
  if (fs.existsSync(own)) for (const name of (fs.readdirSync(own, { recursive: true }) as string[]).sort()) hash.update(`data/${name}\0`);
  return hash.digest('hex');
}

function importsOnlyOwnFolder(text: string): boolean {
  if (OUTSIDE_INPUTS.test(text)) return false;
  for (const m of text.matchAll(STATIC_IMPORT)) {
    const spec = m[1] ?? m[2]!;
    if (spec !== '#tally' && !/^\.\/[^/]+$/.test(spec)) return false;
  }
  return true;
}

interface Entry {
  figures: [string, ComputedFigure][];
  datasets: [string, ComputedDataset][];
  /** Each data file the module loaded, as it was then. */
  loaded: DataReads;
}

/** The figures stored under this key, if every data file they loaded is still the same (bytes and manifest entry). */
export function readCachedFigures(key: string): IssueFigures | undefined {
  const entry = store('figures').readJson(key) as Entry | undefined;
  if (!entry || !Array.isArray(entry.figures) || !Array.isArray(entry.datasets) || !dataReadsUnchanged(entry.loaded)) return undefined;
  return { figures: new Map(entry.figures), datasets: new Map(entry.datasets), loaded: new Map(entry.loaded.map(([f, d]) => [f, d])) };
}

/**
 * Stores computed figures, unless JSON would not give them back as they are (NaN, undefined, a
 * Date in a dataset), and in every case what they read (see readCachedReads).
 */
export function storeFigures(key: string, result: IssueFigures): void {
  const loaded = storeFiguresReads(key, result);
  if (![...result.datasets.values()].every((ds) => ds.rows.every(isJsonRecord))) return;
  const entry: Entry = { figures: [...result.figures], datasets: [...result.datasets], loaded };
  store('figures').write(key, JSON.stringify(entry));
}

/** Stores the note of what the figures read (see readCachedReads); gives back the data reads noted. */
export function storeFiguresReads(key: string, result: Pick<IssueFigures, 'loaded' | 'datasets'>): DataReads {
  const loaded = noteDataReads(result.loaded);
  const reads: ReadsEntry = { loaded, datasets: [...figuresReadsOf(result).datasets] };
  store('figures').write(key, JSON.stringify(reads), READS);
  return loaded;
}

/** The files an issue's figures read, without their values and rows: all a page's key needs. */
export interface FiguresReads {
  /** Each data file the module loaded (its id, see data-roots.ts). */
  loaded: string[];
  /** Each dataset's source files, by the dataset's name. */
  datasets: Map<string, string[]>;
}

export function figuresReadsOf(result: Pick<IssueFigures, 'loaded' | 'datasets'>): FiguresReads {
  return { loaded: [...result.loaded.keys()], datasets: new Map([...result.datasets].map(([name, ds]) => [name, ds.sources.map((s) => s.file)])) };
}

const READS = '.reads';

interface ReadsEntry {
  loaded: DataReads;
  datasets: [string, string[]][];
}

/**
 * What the figures stored under this key read, if every data file they loaded is still the same:
 * a small entry beside the figures, so that working out a page's key parses no dataset (in a cold
 * build the lock's snapshot has just stored both).
 */
export function readCachedReads(key: string): FiguresReads | undefined {
  const entry = store('figures').readJson(key, READS) as Partial<ReadsEntry> | undefined;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((f) => typeof f === 'string');
  const datasets = entry?.datasets;
  if (!Array.isArray(datasets) || !datasets.every((d) => Array.isArray(d) && typeof d[0] === 'string' && strings(d[1]))) return undefined;
  if (!dataReadsUnchanged(entry!.loaded)) return undefined;
  return { loaded: entry!.loaded.map(([f]) => f), datasets: new Map(datasets) };
}

function isJsonRecord(row: Record<string, unknown>): boolean {
  if (typeof row !== 'object' || row === null || Object.getPrototypeOf(row) !== Object.prototype) return false;
  for (const v of Object.values(row)) {
    if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)))) return false;
  }
  return true;
}
