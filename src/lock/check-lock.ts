import { fail } from '../core/errors.ts';
import { compareLock } from './compare-lock.ts';
import { addRowChanges } from './drift-rows.ts';
import { dataChanged, formatDrift } from './format-drift.ts';
import { lockLineOf, readLock } from './lock-file.ts';
import { ACCEPT_COMMAND, LOCK_FILE, type BrokenIssue, type LockFile } from './lock-types.ts';
import { runSnapshot } from './run-snapshot.ts';
import { readCachedSnapshot, snapshotInputsDigest, writeCachedSnapshot } from './snapshot-cache.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * What a passing check leaves for the end of the build: the lock with every new issue, figure
 * and chart merged in, to be written only once the whole build has succeeded (commit-lock.ts).
 */
export interface PendingLock {
  lock: LockFile;
  /** What enters the lock, for the message: "alpha (new issue)", "alpha: chart x.vl.json". */
  added: string[];
  /** Published issues that could not be computed; the page render is expected to fail on them. */
  broken: Record<string, BrokenIssue>;
}

/**
 * The production build's lock check (`astro:build:start`). A published issue whose figure or
 * chart data would change fails the build with the diff: each figure old → new and the data rows
 * that changed. Writes nothing: a build that fails later must leave tally.lock.json as it was.
 */
export async function checkLock(logger: Logger): Promise<PendingLock> {
  // Computing every issue takes a child process; when no input changed, the last result stands.
  const digest = snapshotInputsDigest();
  let snapshot = readCachedSnapshot(digest);
  if (!snapshot) {
    snapshot = await runSnapshot();
    if (Object.keys(snapshot.broken).length === 0) writeCachedSnapshot(digest, snapshot);
  }
  const lock = readLock();
  const { drift, added, gone, merged } = compareLock(lock, snapshot);
  if (drift.length) {
    addRowChanges(drift, snapshot);
    fail('LockChanged', { file: LOCK_FILE, line: lockLineOf(drift[0]!.slug), column: 1 }, formatDrift(drift, snapshot.broken), dataChanged(drift));
  }
  for (const slug of gone) logger.warn(`${LOCK_FILE} locks issue "${slug}", which is no longer published; \`${ACCEPT_COMMAND}\` drops it.`);
  return { lock: merged, added, broken: snapshot.broken };
}
