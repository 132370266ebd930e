import { orExit } from '../core/build-error.ts';
import { checkLock, type Logger, type PendingLock } from './check-lock.ts';
import { finishLock } from './commit-lock.ts';

export interface BuildLogger extends Logger {
  error(message: string): void;
}

/** `astro:build:start`: checks the lock; writes nothing (see finishLock). */
export function lockAtBuildStart(logger: BuildLogger): Promise<PendingLock> {
  return orExit(() => checkLock(logger), logger);
}

/** The very end of `astro:build:done`: the build succeeded, so the lock may be written (nothing was written at its start). */
export function lockAtBuildEnd(pending: PendingLock | undefined, logger: BuildLogger): Promise<void> {
  return orExit(async () => pending && finishLock(pending, logger), logger);
}
