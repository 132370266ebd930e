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

/** A cache entry's text, or undefined when it is missing or unreadable (the caller makes it again). */
export function readCacheText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A cache entry parsed as JSON, or undefined when it is missing or damaged; its shape is the caller's to check. */
export function readCacheJson(file: string): unknown {
  const text = readCacheText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
