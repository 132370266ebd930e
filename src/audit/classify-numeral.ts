import { MONTH_WORD, allowedSpans, dateSpans, type Span } from './date-spans.ts';

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
/** Words before a year that make it one: "in 2008", "the 1987 crash", "early 1988". */
const YEAR_CUES = new Set(['in', 'of', 'since', 'from', 'to', 'through', 'thru', 'until', 'till', 'by', 'before', 'after', 'during', 'early', 'mid', 'late', 'end', 'start', 'year', 'fiscal', 'fy', 'the', 'and', 'or', 'not', 'than', 'between', 'circa', 'versus', 'vs', 'spring', 'summer', 'autumn', 'fall', 'winter', 'back', 'around']);
/** Words before a number that make it a quantity, even in the years' range: "about 2000 stocks". */
const QUANTITY_CUES = new Set(['about', 'roughly', 'nearly', 'almost', 'over', 'under', 'some', 'approximately', 'just', 'only', 'exactly', 'least', 'most', 'up']);
/** Nouns after a number that make it a count: "2000 companies". */
const COUNT_NOUNS = /^(?:points?|shares?|stocks?|compan(?:y|ies)|members?|sessions?|days?|weeks?|months?|years?|people|jobs?|units?|basis|percent|per|times|employees|workers|firms|funds|issues|bps?)\b/i;

/**
 * Finds the numerals of a block of prose and says which are not claims: dates, years in
 * context, ordinals in names, identifiers (G7, Q3, COVID-19) and allowed phrases.
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
  const year = /^(?:19|20)\d{2}$/.test(digits);
  if (/\p{L}-?$/u.test(before) && !(year && before.endsWith('-'))) return 'part of a name or code (G7, Q3, COVID-19)';
  if (/^(?:st|nd|rd|th)\b/.test(after)) return isNamed(text, start, end + 2) ? 'ordinal in a name' : undefined;
  if (year && /^s\b/.test(after) && digits.endsWith('0')) return 'decade';
  if (year && isYear(text, start, after)) return 'year';
  return undefined;
}

function isYear(text: string, start: number, after: string): boolean {
  if (/^(?:[%x×\d]|[.,]\d|\s*(?:%|percent|pp|bp)\b)/i.test(after)) return false;
  if (/[$€£+\-−#]$/.test(text.slice(0, start).trimEnd()) && !/\p{L}-$/u.test(text.slice(0, start))) return false;
  if (COUNT_NOUNS.test(after.trimStart())) return false;
  const prev = previousWord(text, start);
  if (!prev) return true;
  const lower = prev.word.toLowerCase();
  if (YEAR_CUES.has(lower) || MONTH_WORD.test(prev.word)) return true;
  if (QUANTITY_CUES.has(lower)) return false;
  // "Russell 2000": a capitalised word before the number names something, unless it starts a sentence.
  return !(/^\p{Lu}/u.test(prev.word) && !prev.sentenceStart);
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
