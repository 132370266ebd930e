import { fail } from '../core/errors.ts';
import type { Dataset } from './dataset.ts';
import { groupBy, type GroupKey, type GroupValue } from './groups.ts';
import { describeRows } from './subset.ts';

/** A group's value with its rank (1 = first). */
export type RankedGroup = GroupValue<number> & { rank: number };

/**
 * Ranks groups by value, highest first (`'ascending'`: lowest first). Equal values share a rank
 * and the next rank is skipped (1, 2, 2, 4), as in a league table. The result is sorted by rank.
 *
 * @example
 * ```ts
 * const table = rankGroups(pctChangeBy(t.data('prices.csv'), 'symbol', 'close', '2025-12-31'));
 * table[0]!.group; // the best performer this year
 * ```
 */
export function rankGroups(values: readonly GroupValue<number>[], order: 'descending' | 'ascending' = 'descending'): RankedGroup[] {
  values.forEach(({ group, value }) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail('BadFigureValue', undefined, `rankGroups`, `is given ${String(value)} for the group ${JSON.stringify(String(group))}; every group needs a finite number`);
  });
  // Stable sort: groups of equal value keep their order of first appearance.
  const sorted = values.map(({ group, value }) => ({ group, value })).sort((a, b) => (order === 'descending' ? b.value - a.value : a.value - b.value));
  let rank = 0;
  return sorted.map((v, i) => {
    if (i === 0 || v.value !== sorted[i - 1]!.value) rank = i + 1;
    return { ...v, rank };
  });
}

/**
 * The rank of one group among all (1 = highest, or lowest with `'ascending'`). Fails with the
 * closest group names when `group` is not among them.
 *
 * @example
 * ```ts
 * const ytd = pctChangeBy(t.data('prices.csv'), 'symbol', 'close', '2025-12-31');
 * groupRank(ytd, 'AAPL'); // 1 if AAPL moved the most this year
 * ```
 */
export function groupRank(values: readonly GroupValue<number>[], group: GroupKey, order: 'descending' | 'ascending' = 'descending'): number {
  const hit = rankGroups(values, order).find((v) => String(v.group) === String(group));
  if (!hit) fail('UnknownGroup', undefined, String(group), 'group', `the ${values.length} groups ranked`, values.map((v) => String(v.group)));
  return hit.rank;
}

/**
 * Breadth: the share of groups for which `test` holds, as a ratio (0.65 is 65%), e.g. the
 * share of index members that beat the index this year.
 *
 * @example
 * ```ts
 * const members = t.data('members.csv');
 * const index = pctChange(t.data('index.csv'), 'close', '2025-12-31');
 * breadth(members, 'symbol', (rows) => pctChange(rows, 'close', '2025-12-31') > index); // e.g. 0.65: 65% beat the index
 * ```
 */
export function breadth(ds: Dataset, column: string, test: (rows: Dataset, group: GroupKey) => boolean): number {
  const groups = [...groupBy(ds, column)];
  if (groups.length === 0) fail('NoRows', ds.loc(), `breadth(${column})`, describeRows(ds), 'no groups to count');
  return groups.filter(([key, rows]) => test(rows, key)).length / groups.length;
}
