import { fail } from '../core/errors.ts';
import type { Row } from '../data/column-types.ts';
import type { Dataset } from './dataset.ts';
import { pctChange, pointChange } from './helpers.ts';
import { describeRows, Subset } from './subset.ts';

/** The value of a key column that names a group, e.g. a ticker in `symbol, date, close`. */
export type GroupKey = string | number | boolean;

/** One group's result, e.g. `{ group: 'AAPL', value: 0.081 }`; an array of them can be a chart dataset. */
// A type, not an interface: only a type is assignable to the records a dataset returns.
export type GroupValue<T> = {
  group: GroupKey;
  value: T;
};

/**
 * The rows of one group of a long table: those whose `column` is `value`. The result is a
 * dataset of the same file, so every helper (`last`, `pctChange`, `max`, `drawdown`…) works on
 * it and its reads stay the figure's sources. Fails with the closest values when no row matches.
 *
 * @example
 * ```ts
 * const aapl = group(t.data('prices.csv'), 'symbol', 'AAPL');
 * pctChange(aapl, 'close', '2025-12-31'); // AAPL's move since the year-end close
 * ```
 */
export function group(ds: Dataset, column: string, value: GroupKey): Dataset {
  const keys = keysOf(ds, column);
  const want = String(value);
  const keep = keys.flatMap((k, i) => (String(k) === want ? [i] : []));
  if (keep.length === 0) fail('UnknownGroup', ds.loc(), want, column, describeRows(ds), distinct(keys).map(String));
  return new Subset(ds, keep, `${column} = ${want}`);
}

/**
 * Every group of a long table by its `column`, in the order each first appears: a map from the
 * key to that group's rows (a dataset, as `group` gives).
 *
 * @example
 * ```ts
 * const groups = groupBy(t.data('prices.csv'), 'symbol');
 * groups.size;                         // how many stocks the table holds
 * last(groups.get('AAPL')!, 'close');  // AAPL's last close
 * ```
 */
export function groupBy(ds: Dataset, column: string): Map<GroupKey, Dataset> {
  ds.check(column);
  const { rows, lines } = ds.table;
  if (rows.length === 0) fail('NoRows', ds.loc(), `groupBy(${column})`, describeRows(ds), "none on or before the issue's asOf");
  // One pass in row order: a million-row table split by index lists took seconds in cache misses.
  const at = new Map<GroupKey, { rows: Row[]; lines: number[] }>();
  for (let i = 0; i < rows.length; i++) {
    const k = keyAt(ds, i, column);
    let bucket = at.get(k);
    if (!bucket) at.set(k, (bucket = { rows: [], lines: [] }));
    bucket.rows.push(rows[i]!);
    bucket.lines.push(lines[i]!);
  }
  return new Map([...at].map(([k, bucket]) => [k, new Subset(ds, bucket, `${column} = ${String(k)}`)]));
}

/**
 * `fn` applied to each group's rows, one result per group in order of first appearance.
 *
 * @example
 * ```ts
 * const highs = perGroup(t.data('prices.csv'), 'symbol', (rows) => max(rows, 'close').value);
 * // [{ group: 'AAPL', value: … }, { group: 'MSFT', value: … }, …]
 * ```
 */
export function perGroup<T>(ds: Dataset, column: string, fn: (rows: Dataset, group: GroupKey) => T): GroupValue<T>[] {
  return [...groupBy(ds, column)].map(([group, rows]) => ({ group, value: fn(rows, group) }));
}

/**
 * Each group's relative change of `valueColumn` from `from` to `to` (default: each group's
 * last row), as a ratio: 0.081 is +8.1%. Fails naming the group when one has no row at a date.
 *
 * @example
 * ```ts
 * const ytd = pctChangeBy(t.data('prices.csv'), 'symbol', 'close', '2025-12-31');
 * // [{ group: 'AAPL', value: 0.081 }, …]: +8.1% for AAPL
 * ```
 */
export function pctChangeBy(ds: Dataset, column: string, valueColumn: string, from: string, to?: string): GroupValue<number>[] {
  return perGroup(ds, column, (rows) => pctChange(rows, valueColumn, from, to));
}

/**
 * Each group's difference of `valueColumn` from `from` to `to` (default: each group's last
 * row), in the column's unit.
 *
 * @example
 * ```ts
 * const moves = pointChangeBy(t.data('yields.csv'), 'maturity', 'yield', '2025-12-31');
 * ```
 */
export function pointChangeBy(ds: Dataset, column: string, valueColumn: string, from: string, to?: string): GroupValue<number>[] {
  return perGroup(ds, column, (rows) => pointChange(rows, valueColumn, from, to));
}

/** The key of every row; an empty key cell fails with its line (a row must belong to a group). */
function keysOf(ds: Dataset, column: string): GroupKey[] {
  ds.check(column);
  return ds.table.rows.map((_, i) => keyAt(ds, i, column));
}

function keyAt(ds: Dataset, i: number, column: string): GroupKey {
  const k = ds.table.rows[i]![column] ?? null;
  if (k === null) fail('BadCell', ds.loc(i), column, ds.table.columns[column] ?? 'string', '');
  return k;
}

function distinct(keys: readonly GroupKey[]): GroupKey[] {
  return [...new Set(keys)];
}
