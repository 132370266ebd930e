import type { CalendarDate } from './calendar-date.ts';

/** The types a data column can be declared with in data/manifest.yaml. */
export const COLUMN_TYPES = ['date', 'number', 'integer', 'string', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A typed cell. `null` is a missing value (an empty CSV cell), never zero. */
export type Cell = number | string | boolean | CalendarDate | null;
export type Row = Readonly<Record<string, Cell>>;

/** A parsed data file: typed rows, and the source line of each row for error messages. */
export interface Table {
  /** Path relative to data/, e.g. "indices.csv". */
  readonly file: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly rows: readonly Row[];
  readonly lines: readonly number[];
  /** The column the as-of cut applies to, if the table is a time series. */
  readonly dateColumn: string | undefined;
}
