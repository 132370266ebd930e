/**
 * The shape of the file the interactive layer draws a chart from (/charts/<issue>/<spec name>.json),
 * shared by the build that writes it (interactive-spec.ts, in the chart workers or the main
 * thread) and the browser that reads it (src/client/interactive-format.ts, mount-chart.ts):
 * Vega's parsed dataflow per layout, its inline tables written once beside them, column by
 * column. No Node API here: the browser bundles the reader.
 */
import { CALENDAR_DATE, LOCAL_MIDNIGHT, localDate, localRow } from './local-dates.ts';

/** A chart as the browser draws it: the file with its tables read back into rows. */
export interface InteractiveChart {
  /** The inline tables of the chart (every row, cut at asOf), shared by its views. */
  data: unknown[][];
  /**
   * Vega's parsed dataflow (vega.parse) per layout ("wide", and "narrow" where the chart has it),
   * with `{"$tallyData": i}` in place of each table's rows and the theme's stand-in colours.
   */
  views: Record<string, unknown>;
}

/** The file itself: each table as its rows, or by column (`TableColumns`). */
export interface InteractiveFile {
  data: (unknown[] | TableColumns)[];
  views: Record<string, unknown>;
}

/**
 * A table whose rows are objects with the same keys in the same order, by column: the keys are
 * written once instead of in every row, which halves a long series. A column of strings that
 * repeat (a series name) holds each string once in `keys` and an index per row; a column of
 * strings that all end the same (dates at local midnight, "T00:00") holds them without that end.
 */
export interface TableColumns {
  length: number;
  columns: TableColumn[];
}
export type TableColumn = { name: string; values: unknown[] } | { name: string; values: string[]; suffix: string } | { name: string; keys: string[]; values: number[] };

/** Where Vega's parsed dataflow holds inline rows, and the stand-in the file holds there instead. */
export const INGEST = '$ingest';
export const TABLE_REF = '$tallyData';

/**
 * The file's text from the tables (each as JSON, as the compile made them) and the views (or
 * their JSON). A table that is not a list of like objects is written as its rows.
 */
export function interactiveFileJson(tables: readonly string[], views: string | Record<string, unknown>): string {
  const parsed = tables.map((json) => JSON.parse(json) as unknown[]);
  return interactiveRowsFileJson(parsed, views, (rows) => tables[parsed.indexOf(rows)]!);
}

/**
 * A column whose strings the caller made by appending `end` to each of `before`: `after[i]` is
 * the string it put in row i. Written from `before`, the longer strings never read: the dates
 * made local midnight by interactive-spec.ts, 20,000 in a long daily series.
 */
export interface AppendedStrings {
  before: readonly string[];
  after: readonly string[];
  end: string;
}

/**
 * The same file from the tables' rows, when they are plain JSON values (as `JSON.parse` makes
 * them: a row read back from JSON writes the same text), without writing each table to JSON and
 * reading it back first. `jsonOf` writes a table kept as its rows (a cache of the JSON made
 * before); `appended` names a table's columns of appended strings (used where every row holds
 * the very `after` string).
 */
export function interactiveRowsFileJson(
  tables: readonly unknown[][],
  views: string | Record<string, unknown>,
  jsonOf: (rows: unknown[]) => string = JSON.stringify,
  appended?: (rows: unknown[], name: string) => AppendedStrings | undefined,
): string {
  const data = tables.map((rows) => {
    const columns = byColumn(rows, appended);
    return columns ? JSON.stringify(columns) : jsonOf(rows);
  });
  return `{"data":[${data.join(',')}],"views":${typeof views === 'string' ? views : JSON.stringify(views)}}`;
}

/**
 * A table of the file made from rows whose `local` columns still hold calendar dates: what
 * interactiveRowsFileJson writes for the same rows read back from JSON with those dates made
 * local midnight (local-dates.ts), without copying a row. By column where that writer writes it
 * by column (a key whose value is undefined is absent, as JSON leaves it), else the rows, each
 * a copy with its dates made local, as JSON (`rowsJson`, which the caller may have made already).
 * Undefined when a value is not one JSON writes and reads back as it was, or drops (undefined):
 * text, a number, a boolean, null, a plain object or array. A Date or an instance of a class
 * would come back as something else; such a table is not vouched for here.
 */
export function localTableJson(rows: unknown[], local: ReadonlySet<string>, rowsJson: (rows: unknown[]) => string = (r) => localRowsJson(r, local)): string | undefined {
  const columns = localColumns(rows, local);
  if (columns === UNSTABLE) return undefined;
  if (columns) return JSON.stringify(columns);
  return rows.every(stableRow) ? rowsJson(rows) : undefined;
}

/** The rows as JSON, each record a copy with the calendar dates of its `local` columns made local midnight. */
export function localRowsJson(rows: readonly unknown[], local: ReadonlySet<string>): string {
  return JSON.stringify(local.size === 0 ? rows : rows.map((row) => localRow(row, local)));
}

const UNSTABLE = Symbol('unstable');

/** Whether JSON writes the value and reads it back as it was, or drops it (localTableJson). */
function stableValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return true;
  if (t !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return Array.isArray(v) || proto === Object.prototype || proto === null;
}

function stableRow(row: unknown): boolean {
  if (!isRecord(row)) return true;
  if (!stableValue(row)) return false;
  for (const key in row) if (!stableValue(row[key])) return false;
  return true;
}

/** byColumn for rows whose `local` columns still hold calendar dates, as if made local first; UNSTABLE at a value JSON would change. */
function localColumns(rows: readonly unknown[], local: ReadonlySet<string>): TableColumns | undefined | typeof UNSTABLE {
  const gathered = gatherColumns(rows, stableValue);
  if (gathered === undefined || gathered === UNSTABLE) return gathered;
  const { names, columns } = gathered;
  return {
    length: rows.length,
    columns: names.map((name, j) => {
      const values = columns[j]!;
      if (!local.has(name)) return columnOf(name, values);
      // Every row a calendar date: written from them, with the end they would all get.
      if (values.every((v) => typeof v === 'string' && CALENDAR_DATE.test(v))) return columnOf(name, values, LOCAL_MIDNIGHT);
      return columnOf(name, values.map(localDate));
    }),
  };
}

/** The chart the file holds, its tables as rows again (each row's keys in their first order). */
export function readInteractiveFile(file: InteractiveFile): InteractiveChart {
  return { data: file.data.map((t) => (Array.isArray(t) ? t : rowsOf(t))), views: file.views };
}

function byColumn(rows: unknown[], appended?: (rows: unknown[], name: string) => AppendedStrings | undefined): TableColumns | undefined {
  const gathered = gatherColumns(rows);
  if (gathered === undefined || gathered === UNSTABLE) return undefined;
  const { names, columns } = gathered;
  return {
    length: rows.length,
    columns: names.map((name, j) => {
      const values = columns[j]!;
      const made = appended?.(rows, name);
      // The same string objects as made: compared by reference, never read.
      if (made && made.after.length === values.length && values.every((v, i) => v === made.after[i])) return columnOf(name, made.before as string[], made.end);
      return columnOf(name, values);
    }),
  };
}

/**
 * Each key of the first row with every row's value under it, when every row is a record with
 * those keys in that order (a key whose value is undefined is absent, as JSON leaves it);
 * undefined when not. UNSTABLE at a row or value `accept` refuses.
 */
function gatherColumns(rows: readonly unknown[], accept?: (v: unknown) => boolean): { names: string[]; columns: unknown[][] } | undefined | typeof UNSTABLE {
  const first = rows[0];
  if (rows.length < 2 || !isRecord(first)) return undefined;
  const names = Object.keys(first).filter((k) => first[k] !== undefined);
  // "__proto__" as an own key would set the prototype when read back by assignment.
  if (names.length === 0 || names.includes('__proto__')) return undefined;
  const columns: unknown[][] = names.map(() => new Array<unknown>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isRecord(row)) return undefined;
    if (accept && !accept(row)) return UNSTABLE;
    let j = 0;
    for (const key in row) {
      const v = row[key];
      if (v === undefined) continue;
      if (key !== names[j]) return undefined;
      if (accept && !accept(v)) return UNSTABLE;
      columns[j++]![i] = v;
    }
    if (j !== names.length) return undefined;
  }
  return { names, columns };
}

/** More distinct strings than this and a column is not worth a list of keys. */
const MAX_KEYS = 4096;

/** The column of `values`, each with `end` appended (a bijection: the same keys, the same shared end but for `end`). */
function columnOf(name: string, values: unknown[], end = ''): TableColumn {
  if (!values.every((v): v is string => typeof v === 'string')) return { name, values };
  const keyed = keysOf(values, Math.min(values.length / 2, MAX_KEYS));
  if (keyed) return { name, keys: end ? keyed.keys.map((k) => k + end) : keyed.keys, values: keyed.at };
  const shared = commonSuffix(values);
  const suffix = shared + end;
  return suffix ? { name, values: shared ? values.map((v) => v.slice(0, v.length - shared.length)) : values, suffix } : { name, values };
}

/** Each distinct string once, in the order first met, and each value's place among them; undefined past `limit` of them. */
function keysOf(values: readonly string[], limit: number): { keys: string[]; at: number[] } | undefined {
  // Strictly rising strings are distinct: a sorted column (dates) is past the limit without a map.
  let rising = 1;
  while (rising <= limit && rising < values.length && values[rising - 1]! < values[rising]!) rising++;
  if (rising > limit) return undefined;
  const index = new Map<string, number>();
  const at = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = index.get(v);
    if (k === undefined) {
      if (index.size + 1 > limit) return undefined;
      index.set(v, (k = index.size));
    }
    at[i] = k;
  }
  return { keys: [...index.keys()], at };
}

function commonSuffix(values: readonly string[]): string {
  const first = values[0]!;
  let n = first.length;
  for (const v of values) {
    let i = 0;
    while (i < n && i < v.length && v.charCodeAt(v.length - 1 - i) === first.charCodeAt(first.length - 1 - i)) i++;
    n = i;
    if (n === 0) return '';
  }
  return first.slice(first.length - n);
}

function rowsOf({ length, columns }: TableColumns): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = Array.from({ length }, () => ({}));
  for (const column of columns) {
    const { name, values } = column;
    const valueAt: (i: number) => unknown =
      'keys' in column ? (i) => column.keys[values[i] as number] : 'suffix' in column ? (i) => (values[i] as string) + column.suffix : (i) => values[i];
    for (let i = 0; i < length; i++) {
      if (name === '__proto__') Object.defineProperty(rows[i], name, { value: valueAt(i), enumerable: true, writable: true, configurable: true });
      else rows[i]![name] = valueAt(i);
    }
  }
  return rows;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
