import { dateParser } from './date-format.ts';

/** Formats dates are commonly written in, most usual first (month-first before day-first). */
const COMMON_FORMATS = [
  '%Y-%m-%d',
  '%b %d %Y',
  '%b %d, %Y',
  '%B %d %Y',
  '%B %d, %Y',
  '%d %b %Y',
  '%d %B %Y',
  '%a %b %d %Y',
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%m/%d/%y',
  '%d/%m/%y',
  '%Y/%m/%d',
  '%d.%m.%Y',
  '%d-%m-%Y',
  '%Y%m%d',
  '%Y/%m/%d %H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%dT%H:%M:%S%Z',
  '%Y-%m-%dT%H:%M:%S.%L%Z',
  '%Y-%m-%d %H:%M:%S%Z',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %I:%M %p',
  '%d/%m/%Y %H:%M',
];

/**
 * The declared formats (strptime, as the manifest takes them) that read `cell` as a valid date,
 * at most two: a cell such as "03/01/2005" reads both month-first and day-first.
 */
export function guessDateFormats(cell: string): string[] {
  const text = cell.trim();
  if (text === '') return [];
  return COMMON_FORMATS.filter((f) => dateParser(f)(text) !== undefined).slice(0, 2);
}
