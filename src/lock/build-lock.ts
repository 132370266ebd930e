import { TallyError } from '../core/errors.ts';
import { checkLock, type Logger, type PendingLock } from './check-lock.ts';
import { finishLock } from './commit-lock.ts';

export interface BuildLogger extends Logger {
  error(message: string): void;
}

/** `astro:build:start`: checks the lock; writes nothing (see finishLock). */
export function lockAtBuildStart(logger: BuildLogger): Promise<PendingLock> {
  return orExit(() => checkLock(logger), logger);
}

/** The very end of `astro:build:done`: the build succeeded, so the lock may be written. */
export function lockAtBuildEnd(pending: PendingLock | undefined, logger: BuildLogger): Promise<void> {
  return orExit(async () => pending && finishLock(pending, logger), logger);
}

/**
 * Astro logs any error thrown from a hook as "An unhandled error occurred while running the …
 * hook" and prints its stack (core/integrations/hooks.js, cli/throw-and-exit.js): right for a
 * bug, wrong for a lock check that did its job. A Tally error here is printed as the build
 * error it is (title, message with its place, hint) and the build exits 1. Nothing has been
 * written at the build's start, and the lock only after every other step at its end.
 */
export async function orExit<T>(step: () => T | Promise<T>, logger: BuildLogger): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof TallyError)) throw e;
    logger.error(tallyErrorText(e));
    process.exit(1);
  }
}

/** A Tally error as the build prints it: title, message with its place, hint. */
export function tallyErrorText(e: TallyError): string {
  return `${e.title}\n${e.message}${e.hint ? `\n\nHint: ${e.hint}` : ''}`;
}
