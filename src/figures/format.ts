import { formatCalendarDate, isCalendarDate, type DateStyle } from '../data/calendar-date.ts';
import { fail, type Loc } from '../core/errors.ts';

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
  /** Write the magnitude, without any sign: "fell 57%" from −0.57 (written `abs:percent`). */
  abs?: boolean | undefined;
  /** ISO currency code for `currency` (default USD); "long" or "short" style for `date`. */
  option?: string | undefined;
}

/** A format as an author writes it: a spec, or a string such as "percent", "+pp:2", "abs:percent", "currency:0", "date:long", "date:month". */
export type FormatInput = FormatKind | `${string}` | FormatSpec;

const DEFAULT_DIGITS: Record<FormatKind, number> = {
  number: 1, integer: 0, percent: 1, pp: 1, bp: 0, multiple: 0, currency: 2, date: 0, ordinal: 0, text: 0,
};

export function parseFormat(input: FormatInput, loc?: Loc): FormatSpec {
  if (typeof input !== 'string') {
    if (!FORMAT_KINDS.includes(input.kind)) fail('BadFormat', loc, JSON.stringify(input), `unknown kind "${String(input.kind)}"`);
    const d = input.digits;
    if (d !== undefined && !(Number.isInteger(d) && d >= 0 && d <= 10)) fail('BadFormat', loc, JSON.stringify(input), 'digits must be a whole number from 0 to 10');
    const spec = { ...input };
    checkAbs(spec, JSON.stringify(input), loc);
    checkOption(spec, JSON.stringify(input), loc);
    return spec;
  }
  // "+percent", "abs:percent"; "+abs:percent" and "abs:+percent" are read so they can be refused by name.
  const m = /^(\+?)(?:(abs:)(\+?))?(.*)$/s.exec(input)!;
  const [kind, ...rest] = m[4]!.split(':');
  if (!FORMAT_KINDS.includes(kind as FormatKind)) fail('BadFormat', loc, input, `unknown kind "${kind}"`);
  const spec: FormatSpec = { kind: kind as FormatKind, signed: m[1] === '+' || m[3] === '+' };
  if (m[2]) spec.abs = true;
  for (const part of rest) {
    if (/^\d+$/.test(part) && Number(part) <= 10) spec.digits = Number(part);
    else if (/^[A-Za-z]+$/.test(part)) spec.option = part;
    else fail('BadFormat', loc, input, `"${part}" is neither a digit count (0–10) nor an option`);
  }
  checkAbs(spec, input, loc);
  checkOption(spec, input, loc);
  return spec;
}

/** `abs:` writes a magnitude: it cannot also show a sign, and dates and text have none to drop. */
function checkAbs(spec: FormatSpec, input: string, loc: Loc | undefined): void {
  if (!spec.abs) return;
  if (spec.signed) {
    const rest = [spec.kind, spec.digits, spec.option].filter((p) => p !== undefined).join(':');
    fail('BadFormat', loc, input, `abs: writes no sign, so it cannot be combined with "+": write "abs:${rest}" for the magnitude, or "+${rest}" for a signed change`);
  }
  if (spec.kind === 'date' || spec.kind === 'text') fail('BadFormat', loc, input, `abs: applies to numbers, and the ${spec.kind} format writes no sign`);
}

/** An option the format would ignore, or one Intl would reject mid-build, fails here with the format's place. */
function checkOption(spec: FormatSpec, input: string, loc: Loc | undefined): void {
  const { kind, option } = spec;
  if (option === undefined) return;
  if (kind === 'currency') {
    if (!/^[A-Za-z]{3}$/.test(option)) fail('BadFormat', loc, input, `"${option}" is not an ISO currency code such as USD, EUR or JPY`);
    spec.option = option.toUpperCase();
  } else if (kind === 'date') {
    if (!isDateStyle(option)) fail('BadFormat', loc, input, `"${option}" is not a date style (short, long or month)`);
  } else {
    fail('BadFormat', loc, input, `the ${kind} format takes no option "${option}"`);
  }
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
  if (spec.abs) value = Math.abs(value);
  if (spec.kind === 'ordinal') return ordinal(value);
  const digits = spec.digits ?? DEFAULT_DIGITS[spec.kind];
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: spec.signed ? 'exceptZero' : 'negative',
    roundingMode: 'halfExpand',
  };
  // Rounding is half away from zero on the decimal a reader would write for the value (the
  // shortest decimal that round-trips the double: 1.005 → "1.01"); pp and bp shift that decimal
  // rather than multiply the double, so percent, pp and bp of one value always agree.
  let n: number | `${number}` = value;
  let suffix = '';
  switch (spec.kind) {
    case 'percent':
      options.style = 'percent';
      break;
    case 'pp':
      n = scaleDecimal(value, 2);
      suffix = '\u00a0pp';
      break;
    case 'bp':
      n = scaleDecimal(value, 4);
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

/** `value` × 10^k, exactly, as a decimal string Intl reads without going through a double. */
function scaleDecimal(value: number, k: number): `${number}` {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return `${mantissa}e${Number(exponent) + k}` as `${number}`;
}

function isDateStyle(s: string): s is DateStyle {
  return s === 'short' || s === 'long' || s === 'month';
}

const ORDINAL = new Intl.PluralRules('en-US', { type: 'ordinal' });
const SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, roundingMode: 'halfExpand' });

/** "1st", "22nd", "1,003rd"; rounded half away from zero like every other kind. */
function ordinal(value: number): string {
  const n = Math.abs(Number(INTEGER.format(value).replace(/[^\d]/g, '')));
  const sign = n !== 0 && value < 0 ? '\u2212' : '';
  return `${sign}${INTEGER.format(n)}${SUFFIX[ORDINAL.select(n)] ?? 'th'}`;
}
