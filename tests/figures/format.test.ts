import { describe, expect, it } from 'vitest';
import { formatValue, parseFormat } from '../../src/figures/format.ts';

const f = (v: number | string, format: string) => formatValue(v, parseFormat(format));

describe('formatValue', () => {
  it('writes each kind as a newsletter would', () => {
    expect(f(0.0789, 'percent')).toBe('7.9%');
    expect(f(0.65, 'percent:0')).toBe('65%');
    expect(f(0.07, 'pp:0')).toBe('7\u00a0pp');
    expect(f(0.0025, 'bp')).toBe('25\u00a0bp');
    expect(f(18, 'multiple')).toBe('18x');
    expect(f(29.5, 'multiple:1')).toBe('29.5x');
    expect(f(2651.2, 'number:0')).toBe('2,651');
    expect(f(1234567, 'integer')).toBe('1,234,567');
    expect(f(121, 'currency')).toBe('$121.00');
    expect(f(2, 'ordinal')).toBe('2nd');
    expect(f(13, 'ordinal')).toBe('13th');
    expect(f(21, 'ordinal')).toBe('21st');
    expect(f('2026-01-21', 'date')).toBe('Jan 21, 2026');
    expect(f('2026-01-21', 'date:long')).toBe('January 21, 2026');
    expect(f('2008-06-05', 'date:month')).toBe('June 2008');
    expect(f('Apple', 'text')).toBe('Apple');
  });

  it('uses a true minus sign and a plus only when asked', () => {
    expect(f(-0.041, 'percent')).toBe('\u22124.1%');
    expect(f(0.124, '+percent')).toBe('+12.4%');
    expect(f(-0.004, '+pp')).toBe('\u22120.4\u00a0pp');
    expect(f(-6000, '+integer')).toBe('\u22126,000');
  });

  it('never writes a negative zero', () => {
    expect(f(-0.0001, 'percent')).toBe('0.0%');
    expect(f(-0.0001, '+percent')).toBe('0.0%');
    expect(f(-0, 'integer')).toBe('0');
  });

  it('rounds half away from zero on the decimal value', () => {
    expect(f(0.5, 'integer')).toBe('1');
    expect(f(2.5, 'integer')).toBe('3');
    expect(f(-2.5, 'integer')).toBe('\u22123');
    expect(f(0.125, 'percent:1')).toBe('12.5%');
  });

  it('does not depend on the time zone for dates', () => {
    const tz = process.env.TZ;
    for (const zone of ['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      expect(f('2026-01-01', 'date')).toBe('Jan 1, 2026');
    }
    process.env.TZ = tz;
  });

  it('refuses a format it does not know, with the list of kinds', () => {
    expect(() => parseFormat('percentage')).toThrow(/unknown kind "percentage"/);
    expect(() => parseFormat('percent:x1')).toThrow(/neither a digit count/);
    expect(() => formatValue(Number.NaN, parseFormat('number'))).toThrow(/not a finite number/);
  });
});
