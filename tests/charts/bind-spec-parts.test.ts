import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../src/charts/row-x.ts';
import { fillMissingKeys, mapInlineData } from '../../src/charts/inline-data.ts';
import { isoDay as referenceIsoDay } from './bind-spec-reference/iso-day.ts';
import { fillMissingKeys as referenceFill } from './bind-spec-reference/inline-data.ts';

/** The parts of the binding made cheaper, each against the code it replaced (bind-spec-reference/). */

describe('isoDay by calendar arithmetic', () => {
  it('gives what Date.UTC gave for every month of every year from 1000 to 9999, days 1 to 31 (rolled over)', () => {
    let checked = 0;
    for (let y = 1000; y <= 9999; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 28, 29, 30, 31]) {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const got = isoDay(text);
          if (got !== Date.UTC(y, m - 1, d) || got !== referenceIsoDay(text)) expect(got, text).toBe(Date.UTC(y, m - 1, d));
          checked++;
        }
      }
    }
    expect(checked).toBe(9000 * 12 * 6);
  });

  it('refuses what the code it replaced refused, on any text of ten characters', () => {
    const near = fc.stringMatching(/^[0-9 +\-/:a]{4}[-/][0-9\-]{2}[-./][0-9 \-]{2}$/);
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ minLength: 9, maxLength: 11 })), (text) => {
        expect(isoDay(text)).toBe(referenceIsoDay(text));
      }),
      { numRuns: 3000 },
    );
  });
});

class Point {
  constructor(public x: number) {}
}
Object.defineProperty(Point.prototype, 'kind', { value: 'p', enumerable: true });

/** Records of a few kinds: plain, null prototype, a class with an enumerable inherited key, inherited keys only, keys in another order, keys missing. */
const record = fc.oneof(
  { weight: 6, arbitrary: fc.constant((i: number) => ({ a: i, b: `b${i}`, c: null })) },
  { weight: 1, arbitrary: fc.constant((i: number) => ({ b: `b${i}`, a: i, c: 1 })) },
  { weight: 1, arbitrary: fc.constant((i: number) => ({ a: i })) },
  { weight: 1, arbitrary: fc.constant((i: number) => ({ a: i, b: 'x', c: 2, d: undefined })) },
  { weight: 1, arbitrary: fc.constant((i: number) => Object.assign(Object.create(null) as Record<string, unknown>, { a: i, b: 'n', c: 3 })) },
  { weight: 1, arbitrary: fc.constant((i: number) => new Point(i) as unknown as Record<string, unknown>) },
  { weight: 1, arbitrary: fc.constant((i: number) => ({ 1: 'one', a: i, b: 'k', c: 4 })) },
  // Every key inherited: a for-in sees the common keys, Object.keys none.
  { weight: 1, arbitrary: fc.constant((i: number) => Object.create({ a: i, b: 'p', c: 5 }) as Record<string, unknown>) },
);

describe('fillMissingKeys with a fast path for rows that share their keys', () => {
  it('returns the same rows, or the same filled copies, as the code it replaced', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (makers, common) => {
        // Long runs of the common record, with the odd ones among them.
        const rows = [...Array.from({ length: common }, (_, i) => ({ a: i, b: `b${i}`, c: null }) as Record<string, unknown>), ...makers.map((make, i) => make(i))];
        const got = fillMissingKeys(rows);
        const want = referenceFill(rows);
        expect(got === rows).toBe(want === rows);
        expect(got.length).toBe(want.length);
        got.forEach((r, i) => {
          expect(r === rows[i]).toBe(want[i] === rows[i]);
          expect(Object.keys(r)).toEqual(Object.keys(want[i]!));
          expect(r).toEqual(want[i]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives every record every key, as null where it had none', () => {
    const rows = [{ a: 1, b: 2 }, { a: 3 }, { b: 4, c: 5 }] as Record<string, unknown>[];
    expect(fillMissingKeys(rows)).toEqual([
      { a: 1, b: 2, c: null },
      { a: 3, b: null, c: null },
      { a: null, b: 4, c: 5 },
    ]);
    const whole = [{ a: 1 }, { a: 2 }];
    expect(fillMissingKeys(whole)).toBe(whole);
  });
});

describe('mapInlineData with the tables already checked', () => {
  const spec = () => ({ data: { values: [{ a: 1 }, { a: 2 }] }, layer: [{ data: { values: [1, 2] } }, { data: { values: [{ b: 1 }, [2]] } }], datasets: { d: [{ c: 1 }] } });

  it('passes every table of records, and only those, to the function, with or without a set of checked tables', () => {
    for (const records of [undefined, new WeakSet<readonly unknown[]>()]) {
      const seen: unknown[][] = [];
      const out = mapInlineData(spec(), (rows) => (seen.push(rows), rows), records);
      expect(seen).toEqual([[{ a: 1 }, { a: 2 }], [{ c: 1 }]]);
      expect(out).toEqual(spec());
    }
  });

  it('checks a table once across passes that share the set, and a table a pass replaced again', () => {
    const records = new WeakSet<readonly unknown[]>();
    const first = mapInlineData(spec(), (rows) => rows, records);
    const values = (first.data as { values: unknown[] }).values;
    expect(records.has(values)).toBe(true);
    // A table made by a pass is not taken for checked: the next pass looks at its rows.
    const second = mapInlineData(first, (rows) => rows.map((r) => ({ ...r, z: 1 })), records);
    const made = (second.data as { values: unknown[] }).values;
    expect(made).toEqual([{ a: 1, z: 1 }, { a: 2, z: 1 }]);
    expect(records.has(made)).toBe(false);
  });
});
