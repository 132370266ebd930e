import fs from 'node:fs';
import { fail } from '../core/errors.ts';
import type { Logger, PendingLock } from './check-lock.ts';
import { keepDataCopies } from './data-copies.ts';
import { brokenLines } from './format-drift.ts';
import { writeLock } from './lock-file.ts';
import { LOCK_FILE } from './lock-types.ts';

/**
 * Set by scripts/build.ts: the build's end leaves the pending lock in this file instead of
 * writing tally.lock.json, and the script writes it once the new output is swapped in.
 */
export const PENDING_LOCK_ENV = 'TALLY_PENDING_LOCK';

/**
 * The end of a build (`astro:build:done`, after every other step): writes the lock checked at
 * its start, or hands it to scripts/build.ts. Nothing is written for a build that fails.
 */
export function finishLock(pending: PendingLock, logger: Logger): void {
  assertComplete(pending);
  const handoff = process.env[PENDING_LOCK_ENV];
  if (handoff) fs.writeFileSync(handoff, JSON.stringify(pending));
  else commitLock(pending, logger);
}

/** scripts/build.ts, once the output is in place: writes the lock the build left, if any. */
export function commitPendingLock(file: string, logger: Logger): void {
  if (!fs.existsSync(file)) return;
  const pending = JSON.parse(fs.readFileSync(file, 'utf8')) as PendingLock;
  fs.rmSync(file, { force: true });
  commitLock(pending, logger);
}

/** Writes the merged lock when something entered it, and keeps copies of the data it records. */
export function commitLock(pending: PendingLock, logger: Logger): void {
  assertComplete(pending);
  if (pending.added.length) {
    writeLock(pending.lock);
    logger.info(`Locked in ${LOCK_FILE} (commit it): ${pending.added.join(', ')}.`);
  }
  keepDataCopies(pending.lock);
}

/**
 * A published issue that could not be computed was left to the page render, which reports it
 * at its exact place. Should the render pass anyway, the build still fails here: the lock is
 * never written without every published issue compared.
 */
function assertComplete(pending: PendingLock): void {
  const broken = Object.keys(pending.broken);
  if (broken.length) fail('LockIncomplete', { file: LOCK_FILE }, brokenLines(pending.broken).join('\n'), broken.length);
}
