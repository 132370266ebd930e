import type { CalendarDate } from './calendar-date.ts';

/** The types a data column can be declared with in data/manifest.yaml. */
export const COLUMN_TYPES = ['date', 'number', 'integer', 'string', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * A column as the manifest declares it: its type and, for a date written other than
 * YYYY-MM-DD, its strptime format (and for a timestamp with an offset, the time zone whose
 * calendar day it falls on). `columns: { day: date }` is `{ type: 'date' }`.
 */
export interface ColumnSpec {
  readonly type: ColumnType;
  readonly format?: string | undefined;
  readonly timezone?: string | undefined;
  /** Where a JSON record holds the value, keys joined by dots ("stats.close"); the column's name by default. */
  readonly path?: string | undefined;
}

export type ColumnSpecs = Readonly<Record<string, ColumnSpec>>;

/** Columns as a parser takes them: a spec, or a bare type. */
export type ColumnDecls = Readonly<Record<string, ColumnSpec | ColumnType>>;

export function specOf(declared: ColumnSpec | ColumnType): ColumnSpec {
  return typeof declared === 'string' ? { type: declared } : declared;
}

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

/** How a column's type reads in messages: `number`, or `date "%b %d %Y"` for a declared format. */
export function typeLabel(spec: ColumnSpec): string {
  return spec.format ? `date "${spec.format}"` : spec.type;
}
