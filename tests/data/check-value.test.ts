import { describe, expect, it } from 'vitest';
import { checkValue } from '../../src/data/parse-cell.ts';

describe('a JSON or YAML value against its declared column', () => {
  it('reads a number or boolean in a text column as the text it is written as', () => {
    expect(checkValue(1776, 'string')).toBe('1776');
    expect(checkValue(2.5, 'string')).toBe('2.5');
    expect(checkValue(true, 'string')).toBe('true');
    expect(checkValue('Titanic', 'string')).toBe('Titanic');
  });

  it('still refuses what is not a value of the declared type', () => {
    expect(checkValue(Number.NaN, 'string')).toBeUndefined();
    expect(checkValue({ a: 1 }, 'string')).toBeUndefined();
    expect(checkValue('12', 'number')).toBeUndefined();
    expect(checkValue(1.5, 'integer')).toBeUndefined();
    expect(checkValue(20260101, 'date')).toBeUndefined();
    expect(checkValue('yes', 'boolean')).toBeUndefined();
    expect(checkValue(null, 'number')).toBeNull();
  });
});
