import type { TallyError } from '../../src/core/errors.ts';

/** The TallyError `fn` throws; fails the test if it throws nothing or something else. */
export function caught(fn: () => unknown): TallyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && 'code' in e && 'loc' in e) return e as TallyError;
    throw e;
  }
  throw new Error('expected a TallyError, but nothing was thrown');
}

/** As `caught`, for a promise. */
export async function rejected(p: Promise<unknown>): Promise<TallyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error && 'code' in e && 'loc' in e) return e as TallyError;
    throw e;
  }
  throw new Error('expected a TallyError, but the promise resolved');
}
