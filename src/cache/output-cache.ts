import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { linkFileSync } from './link-file.ts';
import { store, type StoreName } from './stores.ts';
import { linkedFileStamp, readEntryJson, sha256, tempName, writeEntry } from './verified-entry.ts';

/** A file of the build output: its path inside the output folder ('/'-separated) and its bytes. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/** What one cache entry holds: the files a step wrote for one key, and a note of its own (counts, warnings). */
export interface CachedOutput<M> {
  files: OutputFile[];
  meta: M;
}

interface EntryIndex {
  /** `stamp`: the file as it was left in the entry (see linkedFileStamp); while it holds, its digest does. */
  files: { path: string; size: number; sha256: string; stamp?: string | undefined }[];
  meta: unknown;
}

const INDEX = 'entry.json';

/** `.tally-cache/<name>/`: one folder per key. */
export function outputCacheDir(name: StoreName & ('email' | 'og' | 'search')): string {
  return store(name).dir;
}

/**
 * Writes the files of the entry stored under `key` into the output folder and returns its note,
 * or undefined (and writes nothing) when there is no whole entry: an index that is damaged, or
 * a file missing or whose bytes differ from the digest recorded when it was stored. Such an
 * entry is simply rendered again and replaced; a damaged cache never reaches the output. A file
 * not written since it was stored (its stamp holds) is used without being read: reading every
 * cached email and PNG of an archive on each build would cost seconds; any other is read and
 * checked against its digest first, and stamped again when whole. Each file goes into the
 * output as a hard link to the cached one (a copy where the two folders are on different file
 * systems), not written again; a path this process linked already with the same bytes, and still
 * that file, is left as it is. The build never writes an output file in place
 * (writeOutputFiles replaces it); one changed through its link afterwards fails its stamp.
 */
export async function restoreCachedOutput<M>(dir: string, key: string, outDir: string, isMeta: (v: unknown) => v is M): Promise<M | undefined> {
  const entry = path.join(dir, key);
  try {
    const index = readEntryJson(path.join(entry, INDEX), key);
    if (!isIndex(index) || !isMeta(index.meta)) return undefined;
    const read = new Set<string>();
    for (const f of index.files) {
      const abs = path.join(entry, 'files', f.path);
      if (f.stamp !== undefined && linkedFileStamp(abs) === f.stamp) continue;
      const bytes = await fs.readFile(abs);
      if (bytes.length !== f.size || sha256(bytes) !== f.sha256) {
        await fs.rm(entry, { recursive: true, force: true });
        return undefined;
      }
      read.add(f.path);
    }
    // Synchronous: a few syscalls each, where a promise per file cost more than the link itself.
    const out = path.resolve(outDir);
    for (const f of index.files) {
      const to = path.join(out, f.path);
      if (heldStamp(to, f.sha256) !== undefined) continue;
      linked.delete(to);
      linkFileSync(path.join(entry, 'files', f.path), to);
      if (f.stamp !== undefined && !read.has(f.path)) linked.set(to, { sha256: f.sha256, stamp: f.stamp });
    }
    if (read.size) {
      // Checked whole just now: stamped again, so the next build need not read them.
      const files = index.files.map((f) => ({ ...f, stamp: linkedFileStamp(path.join(entry, 'files', f.path)) }));
      writeEntry(path.join(entry, INDEX), JSON.stringify({ files, meta: index.meta } satisfies EntryIndex), key);
    }
    return index.meta;
  } catch {
    return undefined;
  }
}

/**
 * The output files this process linked or wrote, by absolute path: the sha256 of the bytes put
 * there and the stamp of the file that holds them. While the output file has that stamp it is
 * still that file (a link shares its inode, size and modification time), so an entry or a write
 * naming the same path and bytes leaves it as it is: emails share chart PNGs named by their
 * content, and removing and linking (or writing) each again cost more than a stat. A file
 * replaced or written since has another stamp.
 */
const linked = new Map<string, { sha256: string; stamp: string }>();

/** The stamp of the output file at `abs` while it is still the file this process put there with bytes of this sha256. */
function heldStamp(abs: string, sha256: string): string | undefined {
  const known = linked.get(abs);
  return known?.sha256 === sha256 && linkedFileStamp(abs) === known.stamp ? known.stamp : undefined;
}

/**
 * Forgets the links restoreCachedOutput made under `outDir` (every one without it), for the start
 * of a build: the memory of an earlier build's output is of no use to the next (its files are
 * checked by stamp before being left, so keeping it is never wrong, only memory).
 */
export function forgetOutputLinks(outDir?: string): void {
  if (outDir === undefined) return linked.clear();
  const under = path.resolve(outDir) + path.sep;
  for (const to of linked.keys()) if (to.startsWith(under)) linked.delete(to);
}

/**
 * Stores the entry in a temp folder renamed into place, so a killed or concurrent build never
 * leaves half an entry under its key. The cache only saves time: a folder that cannot be
 * written is not an error, and false says the entry was not stored. `from`: the output folder
 * writeOutputFiles just wrote these files into; each one still there as written is hard-linked
 * into the entry rather than written again (a cold 500-issue build's emails wrote 2,000 chart
 * PNGs, 226 MB, into their entries besides the output), the same sharing a restore makes.
 */
export async function storeCachedOutput(dir: string, key: string, output: CachedOutput<unknown>, from?: string): Promise<boolean> {
  const entry = path.join(dir, key);
  const tmp = tempName(entry);
  try {
    for (const f of output.files) {
      if (!isSafePath(f.path)) throw new Error(`unsafe path ${f.path}`);
      const to = path.join(tmp, 'files', f.path);
      await fs.mkdir(path.dirname(to), { recursive: true });
      if (from === undefined || !linkWritten(path.resolve(from, f.path), f.bytes, to)) await fs.writeFile(to, f.bytes);
    }
    // Stamps taken in the temp folder hold after its rename: moving a folder rewrites none of its files.
    const index: EntryIndex = { files: output.files.map((f) => ({ path: f.path, size: f.bytes.length, sha256: digestOf(f.bytes), stamp: linkedFileStamp(path.join(tmp, 'files', f.path)) })), meta: output.meta };
    await fs.mkdir(tmp, { recursive: true });
    if (!writeEntry(path.join(tmp, INDEX), JSON.stringify(index), key)) throw new Error('index not written');
    // Only a damaged entry of this key can be in the way (a whole one would have been read).
    await fs.rm(entry, { recursive: true, force: true });
    await fs.rename(tmp, entry);
    return true;
  } catch {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
}

/**
 * Links the output file at `abs` to `to` when it is the file this process put there with these
 * bytes (its stamp, checked again on the link: another write may have replaced it in between).
 */
function linkWritten(abs: string, bytes: Uint8Array, to: string): boolean {
  const stamp = heldStamp(abs, digestOf(bytes));
  if (stamp === undefined) return false;
  try {
    fsSync.linkSync(abs, to);
  } catch {
    return false;
  }
  if (linkedFileStamp(to) === stamp) return true;
  fsSync.rmSync(to, { force: true });
  return false;
}

/** sha256 of bytes a step wrote, taken once for both the output and its cache entry. */
const digests = new WeakMap<Uint8Array, string>();
function digestOf(bytes: Uint8Array): string {
  let d = digests.get(bytes);
  if (d === undefined) digests.set(bytes, (d = sha256(bytes)));
  return d;
}

/**
 * Writes the files into the build's output folder. A file already there is replaced (a new file
 * renamed over it), never written in place: it may be a hard link to a cache entry's file. A
 * path this process linked or wrote already with the same bytes, and still that file, is left.
 */
export async function writeOutputFiles(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const out = path.resolve(outDir);
  for (const dir of new Set(files.map((f) => path.dirname(path.join(out, f.path))))) await fs.mkdir(dir, { recursive: true });
  await Promise.all(
    files.map(async (f) => {
      const abs = path.join(out, f.path);
      if (heldStamp(abs, digestOf(f.bytes)) !== undefined) return;
      const tmp = tempName(abs);
      linked.delete(abs);
      await fs.writeFile(tmp, f.bytes);
      // The stamp of this very file, taken before the rename (which keeps it): the path may be
      // replaced again by the time this resumes, and the memo must not vouch for that file.
      const stamp = linkedFileStamp(tmp);
      await fs.rename(tmp, abs);
      if (stamp !== undefined) linked.set(abs, { sha256: digestOf(f.bytes), stamp });
      else linked.delete(abs);
    }),
  );
}

/**
 * For caches whose entries are a whole site's worth: keeps the `keep` entries used last
 * (`used`, this build's entries, counts as a use) and deletes the others, entries without an
 * index, and temp folders over an hour old (left by a killed build).
 */
export async function keepNewestOutputs(dir: string, keep: number, used: string | readonly string[] = []): Promise<void> {
  try {
    const now = new Date();
    await Promise.all((typeof used === 'string' ? [used] : used).map((k) => fs.utimes(path.join(dir, k, INDEX), now, now).catch(() => undefined)));
    const names = await fs.readdir(dir);
    const stale: string[] = [];
    const entries: { name: string; mtime: number }[] = [];
    for (const name of names) {
      const stat = await fs.stat(path.join(dir, name, name.endsWith('.tmp') ? '' : INDEX)).catch(() => undefined);
      if (name.endsWith('.tmp')) {
        if (stat && Date.now() - stat.mtimeMs > 3_600_000) stale.push(name);
      } else if (stat) entries.push({ name, mtime: stat.mtimeMs });
      else stale.push(name); // no index: not a whole entry
    }
    entries.sort((a, b) => b.mtime - a.mtime);
    stale.push(...entries.slice(keep).map((e) => e.name));
    await Promise.all(stale.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
  } catch {
    // Pruning only saves disk space.
  }
}

/** A relative path that stays inside the folder it is joined to. */
function isSafePath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

function isIndex(v: unknown): v is EntryIndex {
  if (typeof v !== 'object' || v === null) return false;
  const files = (v as { files?: unknown }).files;
  return (
    Array.isArray(files) &&
    files.every((f: { path?: unknown; size?: unknown; sha256?: unknown; stamp?: unknown }) => typeof f === 'object' && f !== null && typeof f.path === 'string' && isSafePath(f.path) && typeof f.size === 'number' && typeof f.sha256 === 'string' && (f.stamp === undefined || typeof f.stamp === 'string'))
  );
}
