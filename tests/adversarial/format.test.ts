import { describe, expect, it } from 'vitest';
import { formatValue, parseFormat } from '../../src/figures/format.ts';
import { caught } from './errors.ts';

const f = (v: number, format: string) => formatValue(v, parseFormat(format));
const M = '\u2212';
const NB = '\u00a0';

describe('formatting edge cases', () => {
  it.each([
    [1.005, 'number:2', '1.01'],
    [2.675, 'number:2', '2.68'],
    [-2.675, 'number:2', `${M}2.68`],
    [0.0845, 'percent:1', '8.5%'],
    [1.005, 'pp:0', `101${NB}pp`],
    [0.000125, 'bp:1', `1.3${NB}bp`],
    [0.5, 'integer', '1'],
    [-0.5, 'integer', `${M}1`],
  ])('half-way %d as %s is %s (half away from zero, on the decimal as written)', (v, format, out) => {
    expect(f(v, format)).toBe(out);
  });

  it('a value a hair below a half (float arithmetic) rounds down: the documented caveat', () => {
    // The double just below 1.005 is a different number, and its shortest decimal says so.
    const below = 1.005 - Number.EPSILON;
    expect(String(below)).toBe('1.0049999999999997');
    expect(f(below, 'number:2')).toBe('1.00');
    // 1.115 × 3 is 3.3449999999999998 in doubles, not 3.345: compute in the unit you round in.
    expect(f(1.115 * 3, 'number:2')).toBe('3.34');
    expect(f(0.1 + 0.2, 'number:10')).toBe('0.3000000000');
  });

  it.each([
    [-0, '+pp'],
    [-0.00004, '+percent'],
    [-0.004, 'integer'],
    [-1e-12, 'bp'],
    [-0.4, 'ordinal'],
  ])('negative zero never shows: %d as %s', (v, format) => {
    expect(f(v, format)).not.toMatch(/^[-\u2212+]/);
  });

  it('signs on changes: "+8.1%", "−0.4 pp", "+25 bp", and no sign on zero', () => {
    expect(f(0.081, '+percent')).toBe('+8.1%');
    expect(f(-0.004, '+pp')).toBe(`${M}0.4${NB}pp`);
    expect(f(0.0025, '+bp')).toBe(`+25${NB}bp`);
    expect(f(0, '+percent')).toBe('0.0%');
    expect(f(0.00004, '+percent')).toBe('0.0%');
    expect(f(-1234.5, 'currency')).toBe(`${M}$1,234.50`);
  });

  it('percent, percentage points and basis points scale one ratio consistently', () => {
    expect([f(0.0123, 'percent:2'), f(0.0123, 'pp:2'), f(0.0123, 'bp')]).toEqual(['1.23%', `1.23${NB}pp`, `123${NB}bp`]);
  });

  it('very large and very small numbers keep their separators and never switch to exponents', () => {
    expect(f(1e21, 'integer')).toBe('1,000,000,000,000,000,000,000');
    expect(f(123456789.987, 'number:2')).toBe('123,456,789.99');
    expect(f(1e-7, 'number:3')).toBe('0.000');
    expect(f(5e-7, 'number:6')).toBe('0.000001');
    expect(f(1234, 'ordinal')).toBe('1,234th');
    expect(f(-3, 'ordinal')).toBe(`${M}3rd`);
  });

  it('a format object with bad digits is refused before Intl would throw mid-build', () => {
    expect(caught(() => parseFormat({ kind: 'percent', digits: 11 })).message).toBe('The format "{"kind":"percent","digits":11}" is not valid: digits must be a whole number from 0 to 10.');
    expect(parseFormat('currency:eur').option).toBe('EUR');
  });
});
