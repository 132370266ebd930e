import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { buildMemo, store } from '../cache/stores.ts';
import { fileStamp } from '../cache/verified-entry.ts';

const ownDigests = new Map<string, { stamp: string; digest: string }>();
const CHUNK = 8 * 1024 * 1024;
// One buffer for every read (sha256OfFile is synchronous): a new 8 MiB per file cost thousands
// of small files (an issue folder's) far more than reading them.
let chunk: Buffer | undefined;

/**
 * sha256 (hex) of a file's bytes; undefined when it is not a readable file. Read again only
 * when its stamp (size, modification time, change time, inode) changes: any write, copy or
 * restore gives a new change time, so a rewrite that keeps size and modification time is seen.
 * The digest is kept on disk by that stamp too, so the build's processes (pages, workers, the
 * lock's snapshot) hash a gigabyte file once, not once each. Read in chunks: never whole.
 */
export function fileDigest(abs: string): string | undefined {
  const stamp = fileStamp(abs);
  if (!stamp) return undefined;
  // In a build, shared by every copy of this module (the integration's checks hashed the data first).
  const digests = buildMemo<{ stamp: string; digest: string }>('file-digests') ?? ownDigests;
  const hit = digests.get(abs);
  if (hit?.stamp === stamp) return hit.digest;
  const kept = store('file-digests');
  const key = kept.key(abs, stamp);
  let digest = kept.readText(key);
  if (!digest || !/^[0-9a-f]{64}$/.test(digest)) {
    digest = sha256OfFile(abs);
    if (digest === undefined) return undefined;
    // Written only if the file did not change while it was read.
    if (fileStamp(abs) === stamp) kept.write(key, digest);
  }
  digests.set(abs, { stamp, digest });
  return digest;
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
