import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../src/charts/row-x.ts';

/** What the sampling reads as x: the quick reading of a day where it has one, else Date.parse. */
const read = (v: string) => isoDay(v) ?? Date.parse(v);

describe('a day read without Date.parse', () => {
  it('gives what Date.parse gives for any text shaped like YYYY-MM-DD', () => {
    const digit = fc.constantFrom(...'0123456789');
    const anyChar = fc.constantFrom(...'0123456789-/+ T:Z.a');
    const day = fc.tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 })).map(([y, m, d]) => `${y.join('')}-${m.join('')}-${d.join('')}`);
    fc.assert(fc.property(day, (v) => void expect(read(v)).toBe(Date.parse(v))), { numRuns: 20_000 });
    fc.assert(fc.property(fc.array(anyChar, { minLength: 8, maxLength: 12 }).map((c) => c.join('')), (v) => void expect(read(v)).toBe(Date.parse(v))), { numRuns: 20_000 });
  });

  it('gives what Date.parse gives at the edges of months and years', () => {
    for (const v of ['1000-01-01', '0999-12-31', '9999-12-31', '2021-02-29', '2021-02-30', '2021-02-31', '2021-04-31', '2021-00-10', '2021-13-01', '2021-01-00', '2021-01-32', '1970-01-01', '1969-12-31', '2024-02-29']) {
      expect(read(v)).toBe(Date.parse(v));
    }
    expect(isoDay('2021-02-30')).toBe(Date.UTC(2021, 2, 2));
    expect(isoDay('2021-1-01')).toBeUndefined();
  });
});
