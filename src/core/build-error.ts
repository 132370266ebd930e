import { TallyError } from './errors.ts';

/** What a build step needs to report an error: Astro's integration logger has it. */
export interface ErrorLogger {
  error(message: string): void;
}

/**
 * Astro logs any error thrown from a hook as "An unhandled error occurred while running the …
 * hook" and prints its stack (core/integrations/hooks.js, cli/throw-and-exit.js): right for a
 * bug, wrong for a check that did its job (the lock, the data files). A Tally error here is
 * printed as the build error it is (title, message with its place, hint) and the build exits 1.
 */
export async function orExit<T>(step: () => T | Promise<T>, logger: ErrorLogger): Promise<T> {
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
