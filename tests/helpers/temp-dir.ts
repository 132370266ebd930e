import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Made {
  dir: string;
  keepOnFailure: boolean;
}

const made: Made[] = [];

/**
 * A fresh folder `<parent>/<prefix>XXXXXX` (parent: the system's temp folder), removed when the
 * test file ends by the setup file tests/helpers/remove-temp-dirs.ts. `keepOnFailure` keeps it
 * when a test of the file failed, for a look (fixture sites: tests/helpers/global-setup.ts
 * clears them an hour later).
 */
export function tempDir(prefix: string, options: { parent?: string; keepOnFailure?: boolean } = {}): string {
  const parent = options.parent ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  made.push({ dir, keepOnFailure: options.keepOnFailure ?? false });
  return dir;
}

/**
 * Removes every folder tempDir made so far and returns those it kept: all of them with
 * TALLY_KEEP_SITES=1, those made with `keepOnFailure` when `failed`.
 */
export function removeTempDirs(failed: boolean): string[] {
  const keepAll = process.env.TALLY_KEEP_SITES === '1';
  const kept: string[] = [];
  for (const { dir, keepOnFailure } of made.splice(0)) {
    if (keepAll || (failed && keepOnFailure)) kept.push(dir);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return kept;
}
