import { toCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { Cell, ColumnSpec, ColumnType } from './column-types.ts';
import { dateParser } from './date-format.ts';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads one raw cell as its declared type; `undefined` means the text is not of that type.
 * Empty text is a missing value. Thousands separators, NaN and Infinity are refused: a number
 * the parser has to guess at is a number that can be wrong on the page.
 */
export function parseCell(raw: string, column: ColumnType | ColumnSpec): Cell | undefined {
  const text = raw.trim();
  if (text === '') return null;
  const { type, format, timezone } = typeof column === 'string' ? { type: column, format: undefined, timezone: undefined } : column;
  switch (type) {
    case 'string':
      return raw;
    case 'date':
      return format ? parserOf(column as ColumnSpec, format, timezone)(text) : toCalendarDate(text);
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'number':
    case 'integer': {
      if (!NUMBER.test(text)) return undefined;
      const n = Number(text);
      if (!Number.isFinite(n)) return undefined;
      if (type === 'integer' && !Number.isInteger(n)) return undefined;
      return Object.is(n, -0) ? 0 : n;
    }
  }
}

/** A column's date parser, found once per column spec rather than once per cell. */
const parsers = new WeakMap<ColumnSpec, (text: string) => CalendarDate | undefined>();
function parserOf(spec: ColumnSpec, format: string, timezone: string | undefined): (text: string) => CalendarDate | undefined {
  let parse = parsers.get(spec);
  if (!parse) parsers.set(spec, (parse = dateParser(format, timezone)));
  return parse;
}

/** Checks a value that came from JSON or YAML (already typed) against a declared column type. */
export function checkValue(value: unknown, column: ColumnType | ColumnSpec): Cell | undefined {
  if (value === null || value === undefined) return null;
  const type = typeof column === 'string' ? column : column.type;
  if (typeof value === 'string') return type === 'string' || type === 'date' ? parseCell(value, column) : undefined;
  if (value instanceof Date && type === 'date') return undefined;
  // A text column whose records hold a few numbers (a film titled 1776) reads them as the text
  // they are written as, as a CSV cell would be: nothing is lost.
  if (type === 'string' && ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')) return String(value);
  if (typeof value === 'number') {
    if (type !== 'number' && type !== 'integer') return undefined;
    if (!Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) return undefined;
    return value;
  }
  if (typeof value === 'boolean') return type === 'boolean' ? value : undefined;
  return undefined;
}
