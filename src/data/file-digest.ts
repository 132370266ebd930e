import { createHash } from 'node:crypto';
import fs from 'node:fs';

const digests = new Map<string, { stamp: string; digest: string }>();

/**
 * sha256 (hex) of a file's bytes, read again only when its modification time, size or inode
 * change; undefined when it is not a readable file. Cache keys use it to tell, without
 * parsing, whether a data file is the one read last time.
 */
export function fileDigest(abs: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  const hit = digests.get(abs);
  if (hit?.stamp === stamp) return hit.digest;
  const digest = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
  digests.set(abs, { stamp, digest });
  return digest;
}
