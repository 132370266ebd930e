import type { CalendarDate } from '../data/calendar-date.ts';
import type { Cell, Row, Table } from '../data/column-types.ts';
import { fail, type Loc } from '../core/errors.ts';
import { noteRead } from './track-reads.ts';

/**
 * A table as a figures module sees it: cut at the asOf (unless it asked for the latest
 * rows), with every read recorded for provenance and every column name checked. An author gets
 * one from `t.data(…)` (or narrowed by `group`, `between`, `trailing`) and passes it to the
 * helpers; `rows()` gives its rows for a computation of one's own. The other members serve the
 * helpers.
 */
export class Dataset {
  readonly table: Table;
  readonly latest: boolean;

  constructor(table: Table, latest: boolean) {
    this.table = table;
    this.latest = latest;
  }

  get file(): string {
    return this.table.file;
  }

  get length(): number {
    noteRead(this.file, undefined, this.latest);
    return this.table.rows.length;
  }

  get columnNames(): string[] {
    return Object.keys(this.table.columns);
  }

  /** The date column of a time series; fails for a table without one. */
  get dateColumn(): string {
    const col = this.table.dateColumn;
    if (!col) fail('UnknownColumn', this.loc(), '(a date column)', this.file, this.columnNames);
    return col;
  }

  /** Checks a column name and records the read. */
  check(column: string): string {
    if (!(column in this.table.columns)) fail('UnknownColumn', this.loc(), column, this.file, this.columnNames);
    noteRead(this.file, column, this.latest);
    return column;
  }

  /** The cell at row `i`; a missing cell (null) fails with the row's line unless `allowMissing`. */
  cell(i: number, column: string): Cell {
    this.check(column);
    const row = this.table.rows[i];
    if (!row) fail('BadFigureValue', this.loc(), `reading ${this.file}`, `asks for row ${i + 1}, but the table has ${this.table.rows.length} rows`);
    return row[column] ?? null;
  }

  /** A number at row `i`; fails on a missing or non-numeric cell, naming the file and line. */
  number(i: number, column: string): number {
    const v = this.cell(i, column);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      if (v === null) fail('BadCell', this.loc(i), column, this.table.columns[column] ?? 'number', '');
      fail('BadCell', this.loc(i), column, `${this.table.columns[column] ?? 'string'}, not a number, so a figure cannot compute with it`, String(v));
    }
    return v;
  }

  date(i: number): CalendarDate {
    return this.cell(i, this.dateColumn) as CalendarDate;
  }

  /** Row index of a date, or -1. */
  indexOfDate(date: string): number {
    const col = this.check(this.dateColumn);
    return this.table.rows.findIndex((r) => r[col] === date);
  }

  /**
   * The rows, read-only. A property read on a row is recorded, and a misspelt column throws
   * with suggestions instead of quietly giving `undefined`.
   */
  rows(): Row[] {
    noteRead(this.file, undefined, this.latest);
    return (this.proxied ??= this.table.rows.map(
      (row) =>
        new Proxy(row, {
          get: (target, key, receiver) => {
            if (typeof key === 'string' && !(key in target) && key !== 'then' && key !== 'toJSON') this.check(key);
            if (typeof key === 'string' && key in target) noteRead(this.file, key, this.latest);
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    ));
  }

  private proxied: Row[] | undefined;

  loc(i?: number): Loc {
    const line = i === undefined ? undefined : this.table.lines[i];
    return { file: `data/${this.file}`, line: line || undefined };
  }
}
