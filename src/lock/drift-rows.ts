import fs from 'node:fs';
import { dataFileAbs, dataFilePath, manifestPathOf } from '../data/data-roots.ts';
import { formatOf } from '../data/file-format.ts';
import { maxDataBytes } from '../data/load-table.ts';
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
      const why = notDiffable(changed.file);
      if (why) {
        changed.rows = { unavailable: why };
        continue;
      }
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

/** Why a file's rows are not compared in memory: Parquet is binary, and a file over the in-memory limit is not read whole. */
function notDiffable(file: string): string | undefined {
  const entry = manifestEntry(file);
  if (formatOf(file, entry?.format) === 'parquet') return 'it is a Parquet file, whose rows are not compared here';
  let size = 0;
  try {
    size = fs.statSync(dataFileAbs(file)).size;
  } catch {
    return undefined;
  }
  return size > maxDataBytes() ? 'it is larger than the in-memory limit (TALLY_MAX_DATA_MB), so its rows are not compared here' : undefined;
}
