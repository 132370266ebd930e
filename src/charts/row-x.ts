/**
 * The x of a row, as the sampling (downsample.ts) places it along its axis: a number, or a date
 * (ISO text, anything else Date.parse reads, or milliseconds) as milliseconds since 1970.
 */

/** The x of a row as a number, or undefined when it cannot be placed. */
function xOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v !== '') {
    const t = isoDay(v) ?? Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/**
 * A day written YYYY-MM-DD (years 1000 to 9999), as Date.parse reads it: UTC midnight, any day
 * from 1 to 31 (V8 rolls 02-30 into March). Anything else is left to Date.parse: a 20,000-day
 * series parsed by it was most of the sampling's time. The day count is civil-calendar
 * arithmetic (days before the month, plus the day, so 02-30 rolls over as Date.UTC does):
 * Date.UTC and a loop per digit took about 1.5 times as long over the bench corpus's days.
 */
export function isoDay(v: string): number | undefined {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y0 = v.charCodeAt(0) - 48;
  const y1 = v.charCodeAt(1) - 48;
  const y2 = v.charCodeAt(2) - 48;
  const y3 = v.charCodeAt(3) - 48;
  const m0 = v.charCodeAt(5) - 48;
  const m1 = v.charCodeAt(6) - 48;
  const d0 = v.charCodeAt(8) - 48;
  const d1 = v.charCodeAt(9) - 48;
  // Unsigned, a character below '0' is above 9 too: one test per digit.
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return undefined;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  // Days from 1970-01-01 of a year that starts in March (so the leap day is its last), by eras of 400 years.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146_097 + doe - 719_468) * DAY_MS;
}

/** xOf, with the x of the value before kept: a date shared by every series is parsed once. */
export function xReader(): (v: unknown) => number | undefined {
  let lastText: string | undefined;
  let lastX: number | undefined;
  return (v) => {
    if (typeof v !== 'string') return xOf(v);
    if (v !== lastText) {
      lastText = v;
      lastX = xOf(v);
    }
    return lastX;
  };
}

const xsByTable = new WeakMap<readonly Record<string, unknown>[], Map<string, Float64Array>>();

/** The x of every row of a loaded table (NaN: not placed), read once per table and field (row-origin.ts). */
export function placedXs(table: readonly Record<string, unknown>[], field: string): Float64Array {
  let byField = xsByTable.get(table);
  if (!byField) xsByTable.set(table, (byField = new Map()));
  let xs = byField.get(field);
  if (!xs) {
    const read = xReader();
    xs = new Float64Array(table.length);
    for (let i = 0; i < table.length; i++) xs[i] = read(table[i]![field]) ?? NaN;
    byField.set(field, xs);
  }
  return xs;
}
