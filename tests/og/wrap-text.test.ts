import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/renditions/og/wrap-text.ts';

const chars = (s: string) => [...s].length * 10;

describe('wrapText', () => {
  it('fills lines greedily and keeps every word when the text fits', () => {
    expect(wrapText('the quick brown fox', 100, 3, chars)).toEqual(['the quick', 'brown fox']);
  });

  it('ends the last line with an ellipsis when lines run out', () => {
    expect(wrapText('the quick brown fox jumps over the lazy dog', 100, 2, chars)).toEqual(['the quick', 'brown fox…']);
  });

  it('cuts a word wider than a line between characters', () => {
    expect(wrapText('abcdefghijklmnop', 50, 4, chars)).toEqual(['abcde', 'fghij', 'klmno', 'p']);
  });

  it('never returns a line wider than the limit, nor more lines than allowed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 4 }), (text, width, lines) => {
        const out = wrapText(text, width * 10, lines, chars);
        expect(out.length).toBeLessThanOrEqual(lines);
        for (const line of out) expect(chars(line)).toBeLessThanOrEqual(width * 10);
      }),
    );
  });

  it('keeps all the words, in order, when nothing is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 12 }), (words) => {
        const out = wrapText(words.join(' '), 100, 20, chars);
        expect(out.join(' ')).toBe(words.join(' '));
      }),
    );
  });
});
