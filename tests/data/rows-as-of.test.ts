import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import type { Table } from '../../src/data/column-types.ts';
import { cutAsOf, rowsAsOf } from '../../src/data/cut-as-of.ts';
import { cutAsOf as referenceCut } from '../charts/bind-spec-reference/cut-as-of.ts';

const day = (d: number) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

describe('rowsAsOf, the count of rows cutAsOf keeps', () => {
  it('is the length of the cut table, and the cut table is the one the code it replaced made', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }), fc.integer({ min: -5, max: 65 }), fc.boolean(), (days, at, dated) => {
        const sorted = [...days].sort((a, b) => a - b);
        const table = { file: 't.csv', columns: { date: 'date', v: 'number' }, rows: sorted.map((d, i) => ({ date: day(d), v: i })), lines: sorted.map((_, i) => i + 2), dateColumn: dated ? 'date' : undefined } as unknown as Table;
        const asOf = day(at) as CalendarDate;
        const cut = cutAsOf(table, asOf);
        expect(rowsAsOf(table, asOf)).toBe(cut.rows.length);
        expect(cut).toEqual(referenceCut(table, asOf));
        expect(cut === table).toBe(referenceCut(table, asOf) === table);
        if (dated) expect(cut.rows.every((r) => String(r.date) <= asOf)).toBe(true);
        else expect(cut).toBe(table);
      }),
      { numRuns: 300 },
    );
  });
});
