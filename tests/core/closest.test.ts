import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/core/errors.ts';

describe('did-you-mean', () => {
  it('names misspellings first, then a name cut short or run on', () => {
    expect(closest('sym', ['date', 'symbol', 'close'])).toEqual(['symbol']);
    expect(closest('close_price', ['date', 'symbol', 'close'])).toEqual(['close']);
    expect(closest('clsoe', ['close', 'closes', 'open'])).toEqual(['close']);
    expect(closest('closs', ['close', 'closes', 'open'])).toEqual(['close', 'closes']);
    expect(closest('Sym', ['symbol', 'symbols', 'sym_id'])).toEqual(['sym_id', 'symbol', 'symbols']);
  });

  it('suggests nothing for a short or unrelated name', () => {
    expect(closest('zz', ['zebra', 'price'])).toEqual([]);
    expect(closest('volume', ['date', 'symbol', 'close'])).toEqual([]);
  });

  it('never suggests a name farther than its limit unless one starts the other', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 8 }), (name, known) => {
        for (const k of closest(name, known)) {
          const a = name.toLowerCase();
          const b = k.toLowerCase();
          const affix = Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a));
          const near = closest(name, [k]).length === 1;
          expect(near).toBe(true);
          expect(known).toContain(k);
          if (!affix) expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(Math.max(2, Math.floor(name.length / 3)));
        }
      }),
    );
  });
});
