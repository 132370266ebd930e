/** Month names as written in prose: full, or abbreviated with an optional period. Case-sensitive. */
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]|2[01])\\d{2}';

/** Each pattern matches a whole date; every numeral inside one is a date, not a claim. */
const DATE_PATTERNS: [RegExp, string][] = [
  [new RegExp(`\\b${YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?(?![\\d-])`, 'g'), 'ISO date'],
  [new RegExp(`\\b${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\d%])`, 'g'), 'date'],
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?(?![\\d%])`, 'g'), 'date'],
  [new RegExp(`\\b${MONTH},?\\s+${YEAR}(?![\\d%])`, 'g'), 'date'],
  [/\b(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:\d{4}|\d{2})\b/g, 'date'],
  [new RegExp(`\\b${YEAR}\\s*[–-]\\s*(?:${YEAR}|\\d{2})(?![\\d%])`, 'g'), 'range of years'],
];

export interface Span {
  start: number;
  end: number;
  reason: string;
}

/** Where the dates are in a block of prose. */
export function dateSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const [re, reason] of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length, reason });
  }
  return spans;
}

/** Where the allowed phrases are, matched whole (not inside a longer word or number). */
export function allowedSpans(text: string, allow: ReadonlyMap<string, string>): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  for (const [phrase, reason] of allow) {
    const p = phrase.toLowerCase();
    for (let i = lower.indexOf(p); i >= 0; i = lower.indexOf(p, i + 1)) {
      const before = text[i - 1] ?? ' ';
      const after = text[i + p.length] ?? ' ';
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
      spans.push({ start: i, end: i + p.length, reason: `allowed: ${phrase} (${reason})` });
    }
  }
  return spans;
}
