import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, parseFormat } from '../../src/figures/format.ts';

const f = (v: number, format: string) => formatValue(v, parseFormat(format));
const MINUS = '\u2212';
/** The numeral of an output, without sign, unit and grouping: "−1,234.5 pp" → "1234.5". */
const numeral = (s: string) => s.replace(/^[+\u2212]/, '').replace(/[%x]|\u00a0pp|\u00a0bp|\$/g, '').replace(/,/g, '');
/** Values a figure can hold: ordinary magnitudes, tiny ones, huge ones, and exact halves. */
const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
  fc.integer({ min: -2000, max: 2000 }).map((n) => (n + 0.5) / 100),
);
const kind = fc.constantFrom('number', 'integer', 'percent', 'pp', 'bp', 'multiple', 'currency');
const digits = fc.integer({ min: 0, max: 6 });

describe('formatValue properties', () => {
  it('never writes a negative zero, and writes a true minus exactly when the value rounds to a negative', () => {
    fc.assert(
      fc.property(value, kind, digits, fc.boolean(), (v, k, d, signed) => {
        const out = f(v, `${signed ? '+' : ''}${k}:${d}`);
        expect(out).not.toContain('-');
        const zero = /^0(\.0+)?$/.test(numeral(out));
        if (zero) expect(out).not.toMatch(/^[+\u2212]/);
        else expect(out.startsWith(MINUS)).toBe(v < 0);
      }),
    );
  });

  it('writes "+" only when signed and the value rounds to a positive', () => {
    fc.assert(
      fc.property(value, kind, digits, fc.boolean(), (v, k, d, signed) => {
        const out = f(v, `${signed ? '+' : ''}${k}:${d}`);
        const zero = /^0(\.0+)?$/.test(numeral(out));
        expect(out.startsWith('+')).toBe(signed && v > 0 && !zero);
      }),
    );
  });

  it('writes exactly the digits asked for, with a comma every three integer digits', () => {
    fc.assert(
      fc.property(value, kind, digits, (v, k, d) => {
        const out = f(v, `${k}:${d}`).replace(/^[+\u2212]/, '').replace(/^\$/, '');
        const m = /^(\d{1,3}(?:,\d{3})*)(?:\.(\d+))?/.exec(out);
        expect(m, out).not.toBeNull();
        expect(m![2]?.length ?? 0).toBe(d);
      }),
    );
  });

  it('percent, pp and bp of one value agree digit for digit (one scaled decimal, rounded once)', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (v, d) => {
        expect(numeral(f(v, `pp:${d}`))).toBe(numeral(f(v, `percent:${d}`)));
        // bp with d digits is pp with d + 2 digits, the point moved two places.
        const pp = numeral(f(v, `pp:${d + 2}`)).replace('.', '').replace(/^0+(?=\d)/, '');
        const bp = numeral(f(v, `bp:${d}`)).replace('.', '').replace(/^0+(?=\d)/, '');
        expect(bp).toBe(pp);
      }),
    );
  });

  it('rounds half away from zero on the shortest decimal of the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        // n.5 × 10^-d, written exactly as a decimal: the half always rounds away from zero.
        const v = Number(`${n < 0 ? '-' : ''}${Math.abs(n)}5e-${d + 1}`);
        const expected = (Math.abs(n) + 1) / 10 ** d;
        expect(numeral(f(v, `number:${d}`))).toBe(expected.toFixed(d));
      }),
    );
  });

  it('stays within half a unit of the last digit of the value it writes', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (v, d) => {
        const out = f(v, `number:${d}`);
        const back = Number(numeral(out)) * (out.startsWith(MINUS) ? -1 : 1);
        expect(Math.abs(back - v)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(v) * 1e-15);
      }),
    );
  });

  it('abs: writes any value as the unsigned format writes its magnitude', () => {
    fc.assert(
      fc.property(value, fc.constantFrom('number', 'integer', 'percent', 'pp', 'bp', 'multiple', 'currency', 'ordinal'), digits, (v, k, d) => {
        const out = f(v, `abs:${k}:${d}`);
        expect(out).toBe(f(Math.abs(v), `${k}:${d}`));
        expect(out).not.toMatch(/^[+\u2212-]/);
      }),
    );
  });
});
