import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths.ts';
import { importClosure, type ClosureMemo } from './import-closure.ts';
import { readEntry, readEntryJson, readEntryText, writeEntry } from './verified-entry.ts';

/** The folder every Tally cache lives in, inside the site's root; deleting it is always safe. */
export const CACHE_FOLDER = '.tally-cache';

/**
 * Every store Tally keeps between builds: its folder under `.tally-cache/` and the modules whose
 * code shapes its entries. A store's code version is the digest of everything those modules
 * import (see import-closure.ts), so a change anywhere beneath them makes every entry a miss.
 */
export const STORES = {
  /** One chart drawn in one theme, keyed by the bound spec. */
  charts: { code: ['src/charts/render-svg.ts'] },
  /** A whole chart (SVGs, caption, table, sources, its files' digests in chart-files), keyed by its inputs; its bound spec beside it when no interactive file was compiled. */
  artifacts: { code: ['src/charts/chart-artifacts.ts', 'src/charts/build-chart.ts', 'src/charts/chart-input-key.ts', 'src/charts/interactive-spec.ts'] },
  /** Spec texts found valid against Vega-Lite's schema. */
  'valid-specs': { code: ['src/charts/validate-spec.ts'] },
  /** An issue's computed figures and datasets. */
  figures: { code: ['src/figures/compute-figures.ts', 'src/api.ts'] },
  /** What an issue page read when it last rendered, and the key it rendered under. */
  pages: { code: ['src/build/page-key.ts'] },
  /** An issue's entry in the lock, as computed. */
  'lock-issues': { code: ['src/lock/snapshot-issue.ts'] },
  /** Data files as the lock recorded them, named by their digest (for the rows a drift changed). */
  'lock-data': { code: ['src/lock/data-copies.ts'] },
  /** The whole lock snapshot for a digest of every input. */
  'lock-snapshot': { code: ['src/lock/snapshot-cli.ts'] },
  /** A feed item's body. */
  feed: { code: ['src/pages/_lib/render-issue-html.ts', 'src/renditions/feed/feed-html.ts'] },
  /** A chart drawn as PNG. */
  png: { code: ['src/renditions/png/png-cache.ts'] },
  /** An issue's email rendition (folder entries). */
  email: { code: ['src/renditions/email/write-emails.ts'] },
  /** An issue's social card (folder entries). */
  og: { code: ['src/renditions/og/write-cards.ts'] },
  /** The whole search index (folder entries). */
  search: { code: ['src/renditions/search/index-site.ts'] },
  /** A data folder's manifest as parsed, keyed by its text. */
  manifests: { code: ['src/data/manifest.ts'] },
  /** Data files found valid, keyed by their bytes' digest and manifest entry (presence means valid). */
  'data-checks': { code: ['src/data/check-data-files.ts'] },
  /** Large CSV/TSV and Parquet data files as checked, in their declared types (Parquet, with a verified sidecar), keyed by the file's digest and manifest entry. */
  'table-copies': { code: ['src/data/sql/table-copy.ts'] },
  /** The sha256 of a file above 256 KiB by its stamp (size, modification and change times, inode): a large file is hashed once, not once per process (a smaller one is hashed where it is asked for). */
  'file-digests': { code: ['src/data/file-digest.ts'] },
  /** The published chart files by content (hard-linked into the output), each page's chart's record of them, and their stamps. */
  'chart-files': { code: ['src/cache/chart-file-store.ts'] },
  /** Digests of Astro's incremental-build copies, recorded after each good build. */
  'astro-pages': { code: ['src/cache/astro-page-cache.ts'] },
} as const satisfies Record<string, { code: readonly string[] }>;

export type StoreName = keyof typeof STORES;

export interface Store {
  readonly name: StoreName;
  /** `.tally-cache/<name>/` of the current project. */
  readonly dir: string;
  /** The digest of the store's code and packages (worked out again when one of its files changed). */
  version(): string;
  /** A key of the given parts under the store's code version. */
  key(...parts: (string | Uint8Array)[]): string;
  /** The path of an entry: `<dir>/<key[0..2]>/<key><ext>`. */
  path(key: string, ext?: string): string;
  read(key: string, ext?: string): Buffer | undefined;
  readText(key: string, ext?: string): string | undefined;
  readJson(key: string, ext?: string): unknown;
  write(key: string, data: string | Uint8Array, ext?: string): boolean;
}

/** The store of this name for the current project root. */
export function store(name: StoreName, root = projectRoot()): Store {
  const dir = path.join(root, CACHE_FOLDER, name);
  const pathOf = (key: string, ext = '.entry') => path.join(dir, key.slice(0, 2), `${key}${ext}`);
  const version = () => codeVersion(root, STORES[name].code);
  return {
    name,
    dir,
    version,
    key: (...parts) => {
      const hash = createHash('sha256').update(`${name}\0${version()}`);
      for (const p of parts) hash.update('\0').update(p);
      return hash.digest('hex');
    },
    path: pathOf,
    read: (key, ext) => readEntry(pathOf(key, ext)),
    readText: (key, ext) => readEntryText(pathOf(key, ext)),
    readJson: (key, ext) => readEntryJson(pathOf(key, ext)),
    write: (key, data, ext) => writeEntry(pathOf(key, ext), data),
  };
}

const versions = new Map<string, { files: string[]; stamp: string; version: string }>();

// Once per module: outside Vite the read throws, and a throw on every cache key adds up.
const PRODUCTION = inProductionBuild();
let frozen = false;
const BUILD_MEMOS = '__tallyBuildMemos';

/**
 * For the rest of this process, a code version once worked out stands without checking its files'
 * times: the Astro integration calls this when `astro build` starts. Its hooks run outside Vite's
 * bundle, where the mode is unknown, and each cache key asked there would otherwise stat every
 * file of the store's import closure (at 500 issues, about 1.5 s of a warm build).
 */
export function freezeCodeVersions(on = true): void {
  frozen = on;
  // What a build works out is shared by every copy of Tally's modules in the process (the
  // integration's and those inside Vite's bundle): opened by the build, closed at its end.
  const slot = globalThis as { [BUILD_MEMOS]?: Map<string, Map<string, unknown>> };
  if (on) slot[BUILD_MEMOS] ??= new Map();
  else delete slot[BUILD_MEMOS];
}

/**
 * A map of this name that every copy of Tally's modules in the process shares for the length of
 * one build (frozen by the integration when it starts, thawed when it ends); undefined outside a
 * build, as under `astro dev`, where nothing is kept beyond the module's own memo.
 */
export function buildMemo<T>(name: string): Map<string, T> | undefined {
  if (!inBuild()) return undefined;
  const memos = (globalThis as { [BUILD_MEMOS]?: Map<string, Map<string, unknown>> })[BUILD_MEMOS];
  if (!memos) return undefined;
  let memo = memos.get(name);
  if (!memo) memos.set(name, (memo = new Map()));
  return memo as Map<string, T>;
}

const buildVersions = () => buildMemo<string>('code-versions');

/** Inside a build (Vite's production bundle, or a process frozen for one): the project's files do not change under it. */
export function inBuild(): boolean {
  return frozen || PRODUCTION;
}

/**
 * The digest of the code the entry modules import (project files by content, packages by
 * version, and the Node that runs them). Worked out again only when a file of the closure has
 * a new modification time: an import can only appear or go by editing one of them. Inside an
 * Astro build the code does not change under it, and every chart asks: the first answer stands.
 */
export function codeVersion(root: string, entries: readonly string[]): string {
  const id = `${root}\0${entries.join('\0')}`;
  const hit = versions.get(id);
  if (hit && (inBuild() || stampOf(root, hit.files) === hit.stamp)) return hit.version;
  const built = buildVersions()?.get(id);
  if (built) return built;
  // In a build, the stores' closures share what each module imports (they overlap a lot).
  const memos = buildMemo<ClosureMemo>('import-closures');
  let memo = memos?.get(root);
  if (memos && !memo) memos.set(root, (memo = { modules: new Map(), packages: new Map(), resolved: new Map() }));
  const closure = importClosure(root, entries, memo);
  const hash = createHash('sha256').update(`node ${process.version}\0`);
  for (const f of closure.files) hash.update(`${f}\0`).update(fs.readFileSync(path.join(root, f))).update('\0');
  for (const p of closure.packages) hash.update(`${p}\0`);
  const version = hash.digest('hex').slice(0, 16);
  versions.set(id, { files: closure.files, stamp: stampOf(root, closure.files), version });
  buildVersions()?.set(id, version);
  return version;
}

/**
 * MODE is read in a try, not through optional chaining: plain Node has no env on import.meta, and
 * Astro would replace an env object not followed by a property with one holding the environment
 * variables named in this module's text, making the code of every page that imports this module
 * depend on the shell that started the build (and Astro's incremental build render every page).
 */
function inProductionBuild(): boolean {
  try {
    return import.meta.env.MODE === 'production';
  } catch {
    return false;
  }
}

function stampOf(root: string, files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const st = fs.statSync(path.join(root, f));
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}
