import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberText } from '../../src/charts/number-text.ts';

describe('a number written as text', () => {
  it('is String(n) for every number of hundredths within ±20,000, and their tenths', () => {
    for (let c = -2_000_000; c <= 2_000_000; c++) {
      const n = c / 100;
      if (numberText(n) !== String(n)) expect(numberText(n)).toBe(String(n));
    }
  });

  it('is String(n) for any double, rounded to hundredths or tenths or not', () => {
    const rounded = (d: number) => (n: number) => Math.round(n * 10 ** d) / 10 ** d;
    const any = fc.double({ noNaN: false });
    const scaled = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -8, max: 22 })).map(([m, e]) => m * 10 ** e);
    for (const numbers of [any, scaled, scaled.map(rounded(2)), scaled.map(rounded(1)), fc.integer().map((i) => i / 100)]) {
      fc.assert(fc.property(numbers, (n) => void expect(numberText(n)).toBe(String(n))), { numRuns: 10_000 });
    }
  });

  it('is String(n) at the edges: zeros, signs, the limit of its own writing, and what is not finite', () => {
    for (const n of [0, -0, 0.01, -0.01, 0.1, -0.1, 0.005, 0.015, 1.005, 9.995, 99.99, -99.99, 1e12 + 0.25, -1e12 - 0.5, 1e12 + 1.01, 1e13 + 0.5, 5e-7, 1e21 + 0.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2]) {
      expect(numberText(n)).toBe(String(n));
    }
  });
});
