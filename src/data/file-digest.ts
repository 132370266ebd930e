import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { buildMemo, store } from '../cache/stores.ts';
import { fileStamp, statsStamp } from '../cache/verified-entry.ts';

const ownDigests = new Map<string, { stamp: string; digest: string }>();
const CHUNK = 8 * 1024 * 1024;
// One buffer for every read (sha256OfFile is synchronous): a new 8 MiB per file cost thousands
// of small files (an issue folder's) far more than reading them.
let chunk: Buffer | undefined;

/**
 * Files up to this size are hashed in each process that asks, never kept on disk: reading and
 * hashing one costs less than the store's entry for it (a folder, a temp file, a rename). On this
 * project's machine a new file cost 25 to 400 µs of kernel time, and a cold 500-issue build wrote
 * 3,503 digest entries, all of them for files under 460 KB, from its main thread while it built
 * pages (2.7 s of that thread's time in a CPU profile).
 */
export const SMALL_FILE = 256 * 1024;

/**
 * sha256 (hex) of a file's bytes; undefined when it is not a readable file (a link included).
 * Read again only when its stamp (size, modification time, change time, inode) changes: any
 * write, copy or restore gives a new change time, so a rewrite that keeps size and modification
 * time is seen. A file above SMALL_FILE has its digest kept on disk by that stamp too, so the
 * build's processes (pages, workers, the lock's snapshot) hash a gigabyte file once, not once
 * each. Read in chunks: never whole.
 */
export function fileDigest(abs: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const stamp = statsStamp(st);
  // In a build, shared by every copy of this module (the integration's checks hashed the data first).
  const digests = buildMemo<{ stamp: string; digest: string }>('file-digests') ?? ownDigests;
  const hit = digests.get(abs);
  if (hit?.stamp === stamp) return hit.digest;
  const digest = st.size <= SMALL_FILE ? sha256OfFile(abs) : keptDigest(abs, stamp);
  if (digest === undefined) return undefined;
  digests.set(abs, { stamp, digest });
  return digest;
}

/** A large file's digest from the file-digests store, or hashed now and stored (only if the file did not change while it was read). */
function keptDigest(abs: string, stamp: string): string | undefined {
  const kept = store('file-digests');
  const key = kept.key(abs, stamp);
  const digest = kept.readText(key);
  if (digest && /^[0-9a-f]{64}$/.test(digest)) return digest;
  const read = sha256OfFile(abs);
  if (read !== undefined && fileStamp(abs) === stamp) kept.write(key, read);
  return read;
}

/** sha256 (hex) of a file's bytes read now in chunks, kept nowhere; undefined when it cannot be opened. */
export function sha256OfFile(abs: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch {
    return undefined;
  }
  try {
    const hash = createHash('sha256');
    const buf = (chunk ??= Buffer.allocUnsafe(CHUNK));
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(n === CHUNK ? buf : buf.subarray(0, n));
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}
