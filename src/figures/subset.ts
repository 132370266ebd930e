import type { Row, Table } from '../data/column-types.ts';
import { Dataset } from './dataset.ts';

/**
 * Some rows of a data file: a group of a long table, or a window of dates. It is still a
 * Dataset of the same file, so every read through it counts for that file's provenance, and an
 * error names the file, the row's line and the selection ("prices.csv (symbol = AAPL)").
 */
export class Subset extends Dataset {
  /** How the rows were chosen, outermost last, e.g. ["symbol = AAPL", "2025-01-02 to 2025-12-31"]. */
  readonly selection: readonly string[];

  /** The rows of `from` whose index is in `keep`, in order, or rows and their lines already picked. */
  constructor(from: Dataset, keep: readonly number[] | { rows: Row[]; lines: number[] }, selection: string) {
    const picked = 'rows' in keep ? keep : { rows: keep.map((i) => from.table.rows[i]!), lines: keep.map((i) => from.table.lines[i]!) };
    const table: Table = { ...from.table, rows: picked.rows, lines: picked.lines };
    super(table, from.latest);
    this.selection = [...(from instanceof Subset ? from.selection : []), selection];
  }
}

/** The file a dataset reads and, for a subset, which of its rows: for messages. */
export function describeRows(ds: Dataset): string {
  return ds instanceof Subset ? `${ds.file} (${ds.selection.join(', ')})` : ds.file;
}
