import fs from 'node:fs';
import path from 'node:path';

const STALE_MS = 60 * 60 * 1000;

/**
 * Each run clears the sites of runs over an hour old: a test file removes its own sites when it
 * ends (tests/helpers/remove-temp-dirs.ts), but keeps them for a look when one of its tests
 * failed or with TALLY_KEEP_SITES=1. Sites of a run still going in another process are left
 * alone: two runs may share this folder.
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
