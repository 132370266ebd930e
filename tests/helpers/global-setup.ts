import fs from 'node:fs';
import path from 'node:path';

const STALE_MS = 60 * 60 * 1000;

/**
 * Each run clears the sites of runs over an hour old (the last run's stay for a look). Sites
 * of a run still going in another process are left alone: two runs may share this folder.
 */
export default function setup(): void {
  const tmp = path.join(import.meta.dirname, '..', '.tmp');
  if (!fs.existsSync(tmp)) return;
  for (const name of fs.readdirSync(tmp)) {
    const abs = path.join(tmp, name);
    const age = Date.now() - fs.statSync(abs).mtimeMs;
    if (age > STALE_MS) fs.rmSync(abs, { recursive: true, force: true });
  }
}
