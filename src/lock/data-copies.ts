import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataFilePath } from '../data/data-roots.ts';
import { maxDataBytes } from '../data/load-table.ts';
import { CACHE_FOLDER, store } from '../cache/stores.ts';
import { writeAtomic } from '../cache/verified-entry.ts';
import { projectRoot } from '../core/paths.ts';
import type { LockFile } from './lock-types.ts';

/**
 * Copies of the data files as they were when the lock was written, named by the digest the lock
 * records for them, so a failed check can show the rows that changed and not only that a file
 * did. Content-addressed: a copy is valid whatever code wrote it, and deleting the folder only
 * costs the row-level diff until the next lock write (git's HEAD is the fallback). A copy is
 * verified by its name: its bytes must digest to it.
 */
const FOLDER = `${CACHE_FOLDER}/lock-data`;

/** How the lock digests a data file: the first 16 hex digits of the SHA-256 of its bytes. */
export function dataDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

const copyPath = (root: string, digest: string) => path.join(store('lock-data', root).dir, digest);

/**
 * Keeps a copy of every data file whose bytes are the ones the lock records, and drops copies
 * the lock no longer names. Called whenever the lock is written, and after every passing build
 * (so a fresh clone gains its copies with its first build).
 */
export function keepDataCopies(lock: LockFile, root = projectRoot()): void {
  const wanted = new Map<string, string>();
  for (const issue of Object.values(lock.issues)) for (const [file, digest] of Object.entries(issue.files)) wanted.set(digest, file);
  const dir = store('lock-data', root).dir;
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) if (!wanted.has(name)) fs.rmSync(path.join(dir, name), { force: true });
  const bytesOf = new Map<string, Buffer | undefined>();
  for (const [digest, file] of wanted) {
    const target = copyPath(root, digest);
    if (fs.existsSync(target)) continue;
    const abs = path.join(root, dataFilePath(file));
    // A file too large to parse in memory is not copied (nor diffed row by row): its drift names
    // the file and points to `git diff`, and a gigabyte is not duplicated into the cache.
    if (!bytesOf.has(file)) bytesOf.set(file, sizeOf(abs) <= maxDataBytes() ? readIfFile(abs) : undefined);
    const bytes = bytesOf.get(file);
    if (!bytes || dataDigest(bytes) !== digest) continue; // the file has moved on since: nothing to keep
    writeAtomic(target, bytes);
  }
}

/** Where the locked bytes of a data file were found, or why they were not. */
export type LockedBytes = { bytes: Buffer; from: 'copy' | 'git' } | { bytes: undefined; why: string };

/**
 * The bytes of `data/<file>` as the lock recorded them (digest `digest`): the kept copy, else
 * the version in git's HEAD when its digest matches (a fresh clone, or a cleared cache).
 */
export function lockedBytes(file: string, digest: string, root = projectRoot()): LockedBytes {
  const copy = readIfFile(copyPath(root, digest));
  if (copy && dataDigest(copy) === digest) return { bytes: copy, from: 'copy' };
  const head = gitHead(file, root);
  if (head && dataDigest(head) === digest) return { bytes: head, from: 'git' };
  return {
    bytes: undefined,
    why: head ? `the locked version is not kept in ${FOLDER}/ and git's HEAD holds another one` : `the locked version is not kept in ${FOLDER}/ nor in git's HEAD`,
  };
}

function gitHead(file: string, root: string): Buffer | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:./${dataFilePath(file)}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024 });
  } catch {
    return undefined; // not a repository, no commit yet, or the file is not in HEAD
  }
}

function sizeOf(abs: string): number {
  try {
    return fs.statSync(abs).size;
  } catch {
    return Infinity;
  }
}

function readIfFile(abs: string): Buffer | undefined {
  try {
    return fs.readFileSync(abs);
  } catch {
    return undefined;
  }
}
