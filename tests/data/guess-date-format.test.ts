import { describe, expect, it } from 'vitest';
import type { TallyError } from '../../src/core/errors.ts';
import { guessDateFormats } from '../../src/data/guess-date-format.ts';
import { parseCsv } from '../../src/data/parse-csv.ts';

function hintOf(csv: string, date: string): string {
  try {
    parseCsv(csv, { file: 'p.csv', loc: 'data/p.csv', columns: { date: date === 'date' ? 'date' : { type: 'date', format: date }, v: 'number' }, dateColumn: 'date' });
  } catch (e) {
    return (e as TallyError).hint ?? '';
  }
  throw new Error('the CSV was read');
}

describe('a date cell in another format than declared', () => {
  it('finds the formats that read it, month first before day first', () => {
    expect(guessDateFormats('Jan 1 2000')).toEqual(['%b %d %Y']);
    expect(guessDateFormats(' January 15, 2001 ')).toEqual(['%B %d, %Y']);
    expect(guessDateFormats('2001/01/01 06:55')).toEqual(['%Y/%m/%d %H:%M']);
    expect(guessDateFormats('03/01/2005')).toEqual(['%m/%d/%Y', '%d/%m/%Y']);
    expect(guessDateFormats('25/12/2005')).toEqual(['%d/%m/%Y']);
    expect(guessDateFormats('2026-11-26T09:30:00Z')).toEqual(['%Y-%m-%dT%H:%M:%S%Z']);
    expect(guessDateFormats('Feb 30 2000')).toEqual([]);
    expect(guessDateFormats('soon')).toEqual([]);
  });

  it('puts the manifest line to write in the hint', () => {
    expect(hintOf('date,v\r\nJan 1 2000,1\r\n', 'date')).toContain('"Jan 1 2000" reads as a date in the format "%b %d %Y": if every cell is written so, declare `date: { type: date, format: "%b %d %Y" }`.');
    expect(hintOf('date,v\r\n03/01/2005,1\r\n', '%Y-%m-%d')).toContain('reads as a date in "%m/%d/%Y" or "%d/%m/%Y" (month first or day first');
    expect(hintOf('date,v\r\nsoon,1\r\n', '%Y-%m-%d')).not.toContain('reads as a date');
  });
});
