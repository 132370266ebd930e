import { formatCalendarDate, isCalendarDate, type DateStyle } from '../data/calendar-date.ts';
import { fail, type Loc } from '../errors.ts';

export const FORMAT_KINDS = ['number', 'integer', 'percent', 'pp', 'bp', 'multiple', 'currency', 'date', 'ordinal', 'text'] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

/**
 * How a figure is written. Every share is a ratio: `percent` writes 0.081 as "8.1%", and a
 * difference of two ratios is written in percentage points by `pp` (0.07 → "7 pp") or in
 * basis points by `bp` (0.0025 → "25 bp"). `multiple` writes 18 as "18x".
 */
export interface FormatSpec {
  kind: FormatKind;
  digits?: number | undefined;
  /** Show "+" on positive values (changes). Negative values always get a true minus "−". */
  signed?: boolean | undefined;
  /** ISO currency code for `currency` (default USD); "long" or "short" style for `date`. */
  option?: string | undefined;
}

/** A format as an author writes it: a spec, or a string such as "percent", "+pp:2", "currency:0", "date:long", "date:month". */
export type FormatInput = FormatKind | `${string}` | FormatSpec;

const DEFAULT_DIGITS: Record<FormatKind, number> = {
  number: 1, integer: 0, percent: 1, pp: 1, bp: 0, multiple: 0, currency: 2, date: 0, ordinal: 0, text: 0,
};

export function parseFormat(input: FormatInput, loc?: Loc): FormatSpec {
  if (typeof input !== 'string') {
    if (!FORMAT_KINDS.includes(input.kind)) fail('BadFormat', loc, JSON.stringify(input), `unknown kind "${String(input.kind)}"`);
    return input;
  }
  const signed = input.startsWith('+');
  const [kind, ...rest] = (signed ? input.slice(1) : input).split(':');
  if (!FORMAT_KINDS.includes(kind as FormatKind)) fail('BadFormat', loc, input, `unknown kind "${kind}"`);
  const spec: FormatSpec = { kind: kind as FormatKind, signed };
  for (const part of rest) {
    if (/^\d+$/.test(part) && Number(part) <= 10) spec.digits = Number(part);
    else if (/^[A-Za-z]+$/.test(part)) spec.option = part;
    else fail('BadFormat', loc, input, `"${part}" is neither a digit count (0–10) nor an option`);
  }
  return spec;
}

/** Writes a value as the format says; the same output in every locale and time zone. */
export function formatValue(value: number | string, spec: FormatSpec): string {
  if (spec.kind === 'text') return String(value);
  if (spec.kind === 'date') {
    if (!isCalendarDate(value)) throw new TypeError(`not a calendar date: ${String(value)}`);
    const style = spec.option ?? 'short';
    if (!isDateStyle(style)) throw new TypeError(`unknown date style "${style}"`);
    return formatCalendarDate(value, style);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`not a finite number: ${String(value)}`);
  if (spec.kind === 'ordinal') return ordinal(Math.round(value));
  const digits = spec.digits ?? DEFAULT_DIGITS[spec.kind];
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: spec.signed ? 'exceptZero' : 'negative',
    roundingMode: 'halfExpand',
  };
  let n = value;
  let suffix = '';
  switch (spec.kind) {
    case 'percent':
      options.style = 'percent';
      break;
    case 'pp':
      n = value * 100;
      suffix = '\u00a0pp';
      break;
    case 'bp':
      n = value * 10000;
      suffix = '\u00a0bp';
      break;
    case 'multiple':
      suffix = 'x';
      break;
    case 'currency':
      options.style = 'currency';
      options.currency = spec.option ?? 'USD';
      break;
    default:
      break;
  }
  return new Intl.NumberFormat('en-US', options).format(n).replace('-', '\u2212') + suffix;
}

function isDateStyle(s: string): s is DateStyle {
  return s === 'short' || s === 'long' || s === 'month';
}

const ORDINAL = new Intl.PluralRules('en-US', { type: 'ordinal' });
const SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

function ordinal(n: number): string {
  return `${n}${SUFFIX[ORDINAL.select(n)] ?? 'th'}`;
}
