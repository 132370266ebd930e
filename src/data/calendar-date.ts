/**
 * A calendar date, written YYYY-MM-DD. Kept as a string on purpose: a Date is an instant,
 * and turning one into a day depends on the time zone, which would shift dates by one.
 */
export type CalendarDate = string & { readonly __calendarDate: true };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: unknown): s is CalendarDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function toCalendarDate(s: string): CalendarDate | undefined {
  const t = s.trim();
  return isCalendarDate(t) ? t : undefined;
}

/**
 * A YAML or TOML loader may hand us a Date for `2026-01-21`: it is midnight UTC, so the UTC
 * fields give back the written day whatever the local zone.
 */
export function calendarDateFromDate(d: Date): CalendarDate {
  return d.toISOString().slice(0, 10) as CalendarDate;
}

const LONG = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
const SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
const MONTH = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' });
const STYLES = { short: SHORT, long: LONG, month: MONTH } as const;
export type DateStyle = keyof typeof STYLES;

function asUtc(d: CalendarDate): Date {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day));
}

/** "Jan 21, 2026" (short), "January 21, 2026" (long) or "January 2026" (month), the same in every time zone. */
export function formatCalendarDate(d: CalendarDate, style: DateStyle = 'short'): string {
  return STYLES[style].format(asUtc(d));
}
