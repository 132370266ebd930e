type Row = Record<string, unknown>;

/**
 * Which loaded table a bound table's rows were copied from: row i of the copy is a copy of row i
 * of the table's rows. Every chart of every issue reading a file binds its own copy of the same
 * rows, so what is read from a row's values alone (the x of each row, for the sampling) can be
 * worked out once per file and shared. Only an array whose rows nobody changed after the copy is
 * noted: a pass that changes rows makes a new array, which has no origin.
 */
const origins = new WeakMap<readonly Row[], readonly Row[]>();

export function noteCopiedRows(copy: readonly Row[], source: readonly Row[]): void {
  origins.set(copy, source);
}

/** The table's rows that `copy` copies, index for index, or undefined when it was not noted. */
export function copiedRowsOf(copy: readonly Row[]): readonly Row[] | undefined {
  return origins.get(copy);
}
