import { allowedSpans, dateSpans, type Span } from './date-spans.ts';

/** A run of digits in prose, with what it is when it is not a claim. */
export interface Numeral {
  /** The numeral as written, with a sign, currency, percent or suffix glued to it. */
  text: string;
  /** Index in the block of its first character (a sign or currency symbol, else a digit). */
  index: number;
  /** Why it is not a claim (a date, a year, allowed…), or undefined when it is one. */
  skip: string | undefined;
}

const NUMERAL = /\d(?:[\d,.]*\d)?/g;
/** A four-digit number that reads as a year: 1800 to 2199. */
const YEAR_DIGITS = /^(?:1[89]|2[01])\d{2}$/;
/** A unit glued to or right after a number: "2009%", "2009x", "2009 pp", "2009bn", "2009 million". */
const UNIT_AFTER = /^(?:[%x×\d]|[.,]\d|(?:bn|mn|m|k|tn)\b|\s*(?:%|percent|pp|bp|bps|million|billion|trillion|thousand|hundred)\b)/i;
/** A currency before a number: "$2009", "US$ 2009", "EUR 2009"; a sign or "#" too. */
const MONEY_BEFORE = /(?:[$€£¥+\-−#]|\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY))\s*$/;
/** Nouns after a number that make it a count: "2009 shares", "2000 companies". */
const COUNT_NOUNS = /^(?:points?|shares?|stocks?|bonds?|compan(?:y|ies)|members?|sessions?|days?|weeks?|months?|years?|hours?|minutes?|people|persons?|jobs?|units?|basis|percent|per|times|employees|workers|firms|funds|issues|bps?|dollars?|euros?|pounds?|yen|cents?|votes?|seats?|cases?|deaths?|homes?|houses?|households?|customers?|users?|students?|items?|rows?|words?|pages?|barrels?|tonnes?|tons?|miles?|km|kilometres?|kilometers?|metres?|meters?|feet|acres?|cars?|vehicles?|banks?|stores?|branches?|contracts?|loans?|accounts?|patients?|beds?|trades?|orders?|listings?|names?|tickers?|securities|respondents?|participants?|subscribers?|readers?)\b/i;

/**
 * Finds the numerals of a block of prose and says which are not claims: dates, years (1800 to
 * 2199, unless a unit, a count noun or a currency makes one a quantity), ordinals in names, identifiers (G7, Q3, COVID-19) and allowed phrases.
 */
export function classifyNumerals(text: string, allow: ReadonlyMap<string, string>): Numeral[] {
  const spans: Span[] = [...allowedSpans(text, allow), ...dateSpans(text)];
  const out: Numeral[] = [];
  for (const m of text.matchAll(NUMERAL)) {
    const start = m.index;
    const end = start + m[0].length;
    const span = spans.find((s) => s.start <= start && end <= s.end);
    const shown = written(text, start, end);
    out.push({ text: shown.text, index: shown.start, skip: span?.reason ?? rule(text, m[0], start, end) });
  }
  return out;
}

function rule(text: string, digits: string, start: number, end: number): string | undefined {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end);
  const year = YEAR_DIGITS.test(digits);
  if (/\p{L}-?$/u.test(before) && !(year && before.endsWith('-'))) return 'part of a name or code (G7, Q3, COVID-19)';
  if (/^(?:st|nd|rd|th)\b/.test(after)) return isNamed(text, start, end + 2) ? 'ordinal in a name' : undefined;
  if (year && /^s\b/.test(after) && digits.endsWith('0')) return 'decade';
  if (year && !isQuantity(text, start, after)) return 'year';
  return undefined;
}

/**
 * A year-like number is a year whatever word precedes it ("In 2009", "Over 2009", "the Russell
 * 2000"): only a unit or a noun of count after it, or a currency or sign before it, makes it a
 * quantity. Words before it cannot tell ("over 2009 the best performer", "over 2009 shares").
 */
function isQuantity(text: string, start: number, after: string): boolean {
  if (UNIT_AFTER.test(after)) return true;
  const head = text.slice(0, start);
  if (MONEY_BEFORE.test(head) && !/\p{L}-$/u.test(head)) return true;
  return COUNT_NOUNS.test(after.trimStart());
}

/** "the 2nd Circuit", "21st Century Fox": a capitalised word right before or after. */
function isNamed(text: string, start: number, end: number): boolean {
  const next = /^\s+(\p{Lu})/u.test(text.slice(end));
  const prev = previousWord(text, start);
  return next || Boolean(prev && /^\p{Lu}/u.test(prev.word) && !prev.sentenceStart);
}

function previousWord(text: string, start: number): { word: string; sentenceStart: boolean } | undefined {
  const m = /([\p{L}]+)\.?[\s(“"'‘]*$/u.exec(text.slice(0, start));
  if (!m || !/\s/.test(text.slice(m.index + m[1]!.length, start) || ' ')) return undefined;
  const head = text.slice(0, m.index).trimEnd();
  return { word: m[1]!, sentenceStart: head === '' || /[.!?:;\n]["”’)]*$/.test(head) };
}

/** The numeral with what is glued to it: "−4.1%", "$1,200", "18x", "2nd". */
function written(text: string, start: number, end: number): { text: string; start: number } {
  let s = start;
  while (s > 0 && /[$€£+\-−]/.test(text[s - 1]!) && !/[\p{L}\p{N}]/u.test(text[s - 2] ?? '')) s--;
  let e = end;
  const suffix = /^(?:%|x\b|st\b|nd\b|rd\b|th\b|s\b|bn\b|m\b|k\b|bp\b|pp\b)/.exec(text.slice(end));
  if (suffix) e += suffix[0].length;
  return { text: text.slice(s, e), start: s };
}
