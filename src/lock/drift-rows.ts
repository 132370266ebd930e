import fs from 'node:fs';
import { dataFileAbs, dataFilePath, manifestPathOf } from '../data/data-roots.ts';
import { manifestEntry } from '../data/manifest.ts';
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
        const entry = manifestEntry(changed.file);
        if (!entry) throw new Error(`${dataFilePath(changed.file)} has no entry in ${manifestPathOf(changed.file)}`);
        const latest = Object.values(now?.figures ?? {}).some((f) => f.sources.some((s) => s.file === changed.file && s.latest));
        const current = fs.readFileSync(dataFileAbs(changed.file), 'utf8');
        changed.rows = diffDataFile(changed.file, locked.bytes.toString('utf8'), current, entry, { asOf: issue.asOf.now, latest });
      } catch (e) {
        changed.rows = { unavailable: `its rows could not be compared (${(e as Error).message})` };
      }
    }
  }
}
