import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { drawdown, underwater } from '../../src/figures/drawdown.ts';
import { groupBy } from '../../src/figures/groups.ts';
import { rankGroups } from '../../src/figures/ranking.ts';
import { rebase, rollingMean } from '../../src/figures/series.ts';
import { addDays } from '../../src/figures/windows.ts';
import { longTable } from './long-table.ts';

/** Positive price levels, from pennies to thousands. */
const levels = fc.array(fc.double({ min: 0.01, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 60 });
const series = (closes: number[]) =>
  longTable(closes.map((close, i) => ({ symbol: 'X', date: addDays('2025-01-01' as CalendarDate, i * 3), close })));

describe('group helper properties', () => {
  it('rebase starts at 100 and keeps every ratio between values', () => {
    fc.assert(
      fc.property(levels, (closes) => {
        const out = rebase(series(closes), 'close');
        expect(out[0]!.value).toBe(100);
        expect(out).toHaveLength(closes.length);
        out.forEach((p, i) => expect(p.value).toBeCloseTo((closes[i]! / closes[0]!) * 100, 6));
      }),
    );
  });

  it('drawdown is at most 0, its trough comes after its peak, and it is the worst fall of any pair', () => {
    fc.assert(
      fc.property(levels, (closes) => {
        const d = drawdown(series(closes), 'close');
        expect(d.depth).toBeLessThanOrEqual(0);
        expect(d.depth).toBeGreaterThan(-1);
        expect(d.trough.date >= d.peak.date).toBe(true);
        expect(d.depth).toBeCloseTo(d.trough.value / d.peak.value - 1, 12);
        let worst = 0;
        closes.forEach((a, i) => closes.slice(i).forEach((b) => (worst = Math.min(worst, b / a - 1))));
        expect(d.depth).toBeCloseTo(worst, 12);
        if (d.recovery !== undefined) {
          expect(d.recovery > d.trough.date).toBe(true);
          expect(series(closes).table.rows.find((r) => r.date === d.recovery)!.close).toBeGreaterThanOrEqual(d.peak.value);
        }
        expect(Math.min(...underwater(series(closes), 'close').map((p) => p.value))).toBeCloseTo(d.depth, 12);
      }),
    );
  });

  it('rank is a permutation of 1..n when values differ, and 1 + the count of higher values always', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), (values) => {
        const ranked = rankGroups(values.map((value, i) => ({ group: `G${i}`, value })));
        expect(ranked.map((r) => r.rank).sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }), fc.constantFrom('descending' as const, 'ascending' as const), (values, order) => {
        const ranked = rankGroups(values.map((value, i) => ({ group: `G${i}`, value })), order);
        for (const r of ranked) expect(r.rank).toBe(1 + values.filter((v) => (order === 'descending' ? v > r.value : v < r.value)).length);
      }),
    );
  });

  it('rolling mean equals the mean of each window', () => {
    fc.assert(
      fc.property(levels, fc.integer({ min: 1, max: 10 }), (closes, n) => {
        fc.pre(n <= closes.length);
        const out = rollingMean(series(closes), 'close', n);
        expect(out).toHaveLength(closes.length - n + 1);
        out.forEach((p, k) => expect(p.value).toBeCloseTo(closes.slice(k, k + n).reduce((a, b) => a + b, 0) / n, 6));
      }),
    );
  });

  it('groupBy partitions the rows: every row in exactly one group, order kept', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 50 }), (symbols) => {
        const ds = longTable(symbols.map((symbol, i) => ({ symbol, date: addDays('2025-01-01' as CalendarDate, i), close: i + 1 })));
        const groups = [...groupBy(ds, 'symbol')];
        expect(groups.map(([k]) => k)).toEqual([...new Set(symbols)]);
        const closes = groups.flatMap(([, rows]) => rows.table.rows.map((r) => r.close as number));
        expect(closes.sort((a, b) => a - b)).toEqual(symbols.map((_, i) => i + 1));
        for (const [k, rows] of groups) expect(rows.table.rows.every((r) => r.symbol === k)).toBe(true);
      }),
    );
  });
});
