import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths.ts';
import { store } from './stores.ts';
import { fileStamp, sha256 } from './verified-entry.ts';

/**
 * Astro's incremental build copies a page from `.astro/cache/dist/` whenever its key is
 * unchanged, without looking at the copy: a truncated file there would be published as it is.
 * So after each good build the digest of every file Astro keeps there (and of its manifest) is
 * recorded, and before the next build every file is checked against the record; a file that
 * differs, or that the record does not know, is deleted, and Astro renders that page again.
 */

/** Astro's cache folder as astro.config.mjs sets it (`cacheDir`). */
export function astroCacheDir(root = projectRoot()): string {
  return path.join(root, '.astro', 'cache');
}

interface FileRecord {
  digest: string;
  /** size, mtime, ctime and inode when it was digested: any write since changes the ctime. */
  stamp: string;
}
type CacheRecord = Record<string, FileRecord>;

const RECORD = 'record';

/** What the next build checks: digests of the files Astro left in its cache after this (good) build. */
export async function recordAstroCache(root = projectRoot()): Promise<void> {
  const dir = astroCacheDir(root);
  const before = readRecord(root) ?? {};
  const record: CacheRecord = {};
  for (const file of cachedFiles(dir)) {
    const abs = path.join(dir, file);
    const stamp = fileStamp(abs);
    if (!stamp) continue;
    const known = before[file];
    record[file] = known?.stamp === stamp ? known : { digest: sha256(await fs.promises.readFile(abs)), stamp };
  }
  store('astro-pages', root).write(RECORD, JSON.stringify(record));
}

/**
 * Deletes every file of Astro's page cache that is not byte for byte what the last good build
 * left there; returns their paths (relative to the cache folder). A file whose size,
 * modification and change times and inode are those recorded has not been written since it was
 * digested; any other is read and digested again.
 */
export async function verifyAstroCache(root = projectRoot()): Promise<string[]> {
  const dir = astroCacheDir(root);
  const record = readRecord(root) ?? {};
  const removed: string[] = [];
  for (const file of cachedFiles(dir)) {
    const abs = path.join(dir, file);
    const known = record[file];
    if (known && known.stamp === fileStamp(abs)) continue;
    const bytes = await fs.promises.readFile(abs).catch(() => undefined);
    if (known && bytes && sha256(bytes) === known.digest) continue;
    fs.rmSync(abs, { force: true });
    removed.push(file);
  }
  return removed;
}

/** The manifest and every page Astro keeps, relative to its cache folder. */
function cachedFiles(dir: string): string[] {
  const files: string[] = [];
  if (fs.existsSync(path.join(dir, 'incremental-build.json'))) files.push('incremental-build.json');
  const pages = path.join(dir, 'dist');
  if (fs.existsSync(pages)) {
    for (const entry of fs.readdirSync(pages, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() || entry.isSymbolicLink()) files.push(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

/** What recordAstroCache wrote after the last good build: each file's digest and stamp, relative to the cache folder. */
export function readRecord(root: string): CacheRecord | undefined {
  const r = store('astro-pages', root).readJson(RECORD);
  if (typeof r !== 'object' || r === null) return undefined;
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, FileRecord] => typeof e[1]?.digest === 'string' && typeof e[1].stamp === 'string'));
}
