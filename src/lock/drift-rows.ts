import fs from 'node:fs';
import path from 'node:path';
import { readManifest } from '../data/manifest.ts';
import { dataDir } from '../core/paths.ts';
import type { IssueDrift } from './compare-lock.ts';
import { lockedBytes } from './data-copies.ts';
import type { Snapshot } from './lock-types.ts';
import { diffDataFile } from './row-diff.ts';

/**
 * Fills in, for each changed data file of each drifting issue, the rows that changed: the
 * locked bytes (kept copy or git's HEAD) against the file on disk. When the locked bytes are
 * gone or a version cannot be read, says why, so the message can point at `git diff` instead.
 */
export function addRowChanges(drift: IssueDrift[], snapshot: Snapshot): void {
  let manifest: ReturnType<typeof readManifest> | undefined;
  for (const issue of drift) {
    const now = snapshot.issues[issue.slug];
    for (const changed of issue.files) {
      if (!changed.old || !changed.now) continue;
      const locked = lockedBytes(changed.file, changed.old);
      if (!locked.bytes) {
        changed.rows = { unavailable: locked.why };
        continue;
      }
      try {
        manifest ??= readManifest();
        const entry = manifest.get(changed.file);
        if (!entry) throw new Error(`data/${changed.file} has no entry in data/manifest.yaml`);
        const latest = Object.values(now?.figures ?? {}).some((f) => f.sources.some((s) => s.file === changed.file && s.latest));
        const current = fs.readFileSync(path.join(dataDir(), changed.file), 'utf8');
        changed.rows = diffDataFile(changed.file, locked.bytes.toString('utf8'), current, entry, { asOf: issue.asOf.now, latest });
      } catch (e) {
        changed.rows = { unavailable: `its rows could not be compared (${(e as Error).message})` };
      }
    }
  }
}
