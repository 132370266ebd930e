/** One data file a figure or dataset read, with the columns it touched. */
export interface SourceRef {
  file: string;
  columns: string[];
  /** True when the figure opted out of the as-of cut and read the latest rows. */
  latest: boolean;
}

type Reads = Map<string, { columns: Set<string>; latest: boolean }>;
let current: Reads | null = null;

/** Runs `fn`, recording every data file and column it reads through a Dataset. */
export function trackReads<T>(fn: () => T): { value: T; sources: SourceRef[] } {
  const outer = current;
  const reads: Reads = new Map();
  current = reads;
  try {
    const value = fn();
    return { value, sources: [...reads].map(([file, r]) => ({ file, columns: [...r.columns].sort(), latest: r.latest })) };
  } finally {
    current = outer;
  }
}

export function noteRead(file: string, column: string | undefined, latest: boolean): void {
  if (!current) return;
  let r = current.get(file);
  if (!r) current.set(file, (r = { columns: new Set(), latest }));
  if (column) r.columns.add(column);
  r.latest ||= latest;
}
