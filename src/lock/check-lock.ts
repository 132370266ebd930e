import { fail } from '../errors.ts';
import { compareLock } from './compare-lock.ts';
import { formatDrift } from './format-drift.ts';
import { lockLineOf, readLock, writeLock } from './lock-file.ts';
import { ACCEPT_COMMAND, LOCK_FILE } from './lock-types.ts';
import { runSnapshot } from './run-snapshot.ts';
import { readCachedSnapshot, snapshotInputsDigest, writeCachedSnapshot } from './snapshot-cache.ts';

interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The production build's lock check (`astro:build:start`). A published issue whose figure or
 * chart data would change fails the build with the diff. New issues, figures and charts enter
 * the lock here, so the first build that publishes them records them; drafts never do.
 */
export async function checkLock(logger: Logger): Promise<void> {
  // Computing every issue takes a child process; when no input changed, the last result stands.
  const digest = snapshotInputsDigest();
  let snapshot = readCachedSnapshot(digest);
  if (!snapshot) {
    snapshot = await runSnapshot();
    if (Object.keys(snapshot.broken).length === 0) writeCachedSnapshot(digest, snapshot);
  }
  const lock = readLock();
  const { drift, added, gone, merged } = compareLock(lock, snapshot);
  if (drift.length) fail('LockChanged', { file: LOCK_FILE, line: lockLineOf(drift[0]!.slug), column: 1 }, formatDrift(drift));
  for (const slug of gone) logger.warn(`${LOCK_FILE} locks issue "${slug}", which is no longer published; \`${ACCEPT_COMMAND}\` drops it.`);
  if (added.length) {
    writeLock(merged);
    logger.info(`Locked in ${LOCK_FILE} (commit it): ${added.join(', ')}.`);
  }
}
