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

  it('writes the magnitude with abs:, composed with digits and options', () => {
    expect(f(-0.57, 'abs:percent:0')).toBe('57%');
    expect(f(-0.5712, 'abs:percent')).toBe('57.1%');
    expect(f(-0.5712, 'abs:percent:2')).toBe('57.12%');
    expect(f(0.5712, 'abs:percent:1')).toBe('57.1%');
    expect(f(-121.4, 'abs:currency')).toBe('$121.40');
    expect(f(-121.4, 'abs:currency:0:EUR')).toBe('€121');
    expect(f(-0.004, 'abs:pp')).toBe('0.4\u00a0pp');
    expect(f(-0.0025, 'abs:bp')).toBe('25\u00a0bp');
    expect(f(-6000, 'abs:integer')).toBe('6,000');
    expect(f(-2, 'abs:ordinal')).toBe('2nd');
    expect(f(-0.0001, 'abs:percent')).toBe('0.0%');
    expect(parseFormat('abs:percent:1')).toEqual({ kind: 'percent', signed: false, abs: true, digits: 1 });
  });

  it('refuses abs: with a sign, and on dates and text, naming the formats to write instead', () => {
    const why = (format: string) => /is not valid: (.*)$/.exec((() => { try { parseFormat(format); } catch (e) { return (e as Error).message; } return ''; })())?.[1];
    expect(why('+abs:percent:1')).toBe('abs: writes no sign, so it cannot be combined with "+": write "abs:percent:1" for the magnitude, or "+percent:1" for a signed change.');
    expect(why('abs:+pp')).toBe('abs: writes no sign, so it cannot be combined with "+": write "abs:pp" for the magnitude, or "+pp" for a signed change.');
    expect(why('abs:date:long')).toBe('abs: applies to numbers, and the date format writes no sign.');
    expect(why('abs:text')).toBe('abs: applies to numbers, and the text format writes no sign.');
    expect(why('abs:abs:percent')).toBe('unknown kind "abs".');
    expect(() => parseFormat({ kind: 'percent', abs: true, signed: true })).toThrow('write "abs:percent" for the magnitude, or "+percent" for a signed change');
    const hint = (() => { try { parseFormat('percentage'); } catch (e) { return (e as { hint?: string }).hint; } return ''; })();
    expect(hint).toContain('"abs:" (write the magnitude, no sign)');
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
