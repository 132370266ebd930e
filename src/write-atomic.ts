import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a cache entry to a temp file and renames it into place, so a killed or concurrent build
 * never leaves half a file. Caches only save time: a folder that cannot be written is not an
 * error, and false says the entry was not stored.
 */
export function writeAtomic(file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}
