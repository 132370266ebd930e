// The ISO day reader the sampling had before calendar arithmetic (Date.UTC): the oracle of tests/charts/bind-spec-parts.test.ts.

/**
 * A day written YYYY-MM-DD (years 1000 to 9999), as Date.parse reads it: UTC midnight, any day
 * from 1 to 31 (V8 rolls 02-30 into March). Anything else is left to Date.parse: a 20,000-day
 * series parsed by it was most of the sampling's time.
 */
export function isoDay(v: string): number | undefined {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return Date.UTC(y, m - 1, d);
}

/** The number written by `n` decimal digits at `at`, or -1 when one of them is not a digit. */
function digits(v: string, at: number, n: number): number {
  let out = 0;
  for (let i = at; i < at + n; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    out = out * 10 + c;
  }
  return out;
}
