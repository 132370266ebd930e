import fs from 'node:fs';
import { fileDigest, sha256OfFile } from '../data/file-digest.ts';

/** Files up to this size are hashed where they are read, not kept in the file-digests store. */
const SMALL_FILE = 256 * 1024;

/**
 * fileDigest's digest (sha256 of the bytes, hex; undefined for anything but a readable file, a
 * link included). An issue's own files (MDX, specs, figures module) are small: reading and
 * hashing one costs less than the file-digests store's entry written for it (a folder, a temp
 * file, a rename), which took about half of the lock key's time in a cold snapshot. Larger files
 * go through the store, which spares every other process hashing them again.
 */
export function smallFileDigest(abs: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  return st.size <= SMALL_FILE ? sha256OfFile(abs) : fileDigest(abs);
}
