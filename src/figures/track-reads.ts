import { AsyncLocalStorage } from 'node:async_hooks';

/** One data file a figure or dataset read, with the columns it touched. */
export interface SourceRef {
  file: string;
  columns: string[];
  /** True when the figure opted out of the as-of cut and read the latest rows. */
  latest: boolean;
}

type Reads = Map<string, { columns: Set<string>; latest: boolean }>;
// Async-local, not a variable: a figure's `value` may await SQL queries, and its reads after an
// await must still count for it, not for whatever else ran meanwhile.
const current = new AsyncLocalStorage<Reads>();

/** Runs `fn`, recording every data file and column it reads through a Dataset or a query. */
export function trackReads<T>(fn: () => T): { value: T; sources: SourceRef[] } {
  const reads: Reads = new Map();
  const value = current.run(reads, fn);
  return { value, sources: sourcesOf(reads) };
}

/** As trackReads, for a function that may return a promise: its reads count until it settles. */
export async function trackReadsAsync<T>(fn: () => T | Promise<T>): Promise<{ value: T; sources: SourceRef[] }> {
  const reads: Reads = new Map();
  const value = await current.run(reads, fn);
  return { value, sources: sourcesOf(reads) };
}

function sourcesOf(reads: Reads): SourceRef[] {
  return [...reads].map(([file, r]) => ({ file, columns: [...r.columns].sort(), latest: r.latest }));
}

export function noteRead(file: string, column: string | undefined, latest: boolean): void {
  const reads = current.getStore();
  if (!reads) return;
  let r = reads.get(file);
  if (!r) reads.set(file, (r = { columns: new Set(), latest }));
  if (column) r.columns.add(column);
  r.latest ||= latest;
}
