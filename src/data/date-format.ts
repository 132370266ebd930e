import { utcFormat, utcParse } from 'd3-time-format';
import type { CalendarDate } from './calendar-date.ts';

/**
 * Declared date formats: strptime directives as d3-time-format reads them (`%b %d %Y` for
 * "Jan 1 2000", `%Y/%m/%d %H:%M`, `%Y-%m-%dT%H:%M:%S%Z` for an ISO timestamp). A cell becomes
 * the calendar date it names: the written day, or for a timestamp with an offset (`%Z`) the day
 * of that instant in the column's time zone (UTC unless declared).
 */
const DIRECTIVES = new Set(['Y', 'y', 'm', 'd', 'e', 'b', 'B', 'a', 'A', 'H', 'I', 'p', 'M', 'S', 'L', 'f', 'j', 'Z', '%']);
const ZONE_SUFFIX = /(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Why a format cannot be used, or undefined when it can. */
export function dateFormatProblem(format: string): string | undefined {
  const used = [...format.matchAll(/%(.)/g)].map((m) => m[1]!);
  const unknown = used.filter((d) => !DIRECTIVES.has(d));
  if (unknown.length) return `uses ${unknown.map((d) => `%${d}`).join(', ')}, which Tally does not read (it reads ${[...DIRECTIVES].map((d) => `%${d}`).join(' ')})`;
  if (!used.some((d) => d === 'Y' || d === 'y')) return 'has no year (%Y or %y)';
  if (!used.some((d) => ['m', 'b', 'B'].includes(d)) && !used.includes('j')) return 'has no month (%m, %b or %B) nor day of the year (%j)';
  if (!used.some((d) => d === 'd' || d === 'e' || d === 'j')) return 'has no day (%d, %e or %j)';
  if (format.includes('%Z') && !format.endsWith('%Z')) return 'has %Z (the UTC offset) before its end; put it last';
  return undefined;
}

/** Why a time zone name cannot be used, or undefined when it can. */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `is not a time zone name (IANA, e.g. "UTC", "America/New_York", "Europe/London")`;
  }
}

const parsers = new Map<string, (text: string) => CalendarDate | undefined>();

/** A parser of cells written in `format`: the calendar date, or undefined when the text is not a valid date in it. */
export function dateParser(format: string, timeZone = 'UTC'): (text: string) => CalendarDate | undefined {
  const key = `${format}\0${timeZone}`;
  let parser = parsers.get(key);
  if (!parser) parsers.set(key, (parser = makeParser(format, timeZone)));
  return parser;
}

function makeParser(format: string, timeZone: string): (text: string) => CalendarDate | undefined {
  const parse = utcParse(format);
  const zoned = format.endsWith('%Z');
  // d3 rolls a day over ("Feb 30" → Mar 1) and ignores a wrong weekday: the cell must read back
  // the same once formatted again, up to padding and case.
  const local = zoned ? format.slice(0, -2) : format;
  const parseLocal = zoned ? utcParse(local) : parse;
  const back = utcFormat(local);
  const inZone = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (text) => {
    const t = text.trim();
    const instant = parse(t);
    if (!instant || Number.isNaN(instant.getTime())) return undefined;
    const written = zoned ? t.replace(ZONE_SUFFIX, '') : t;
    const wall = zoned ? parseLocal(written) : instant;
    if (!wall || normalize(back(wall)) !== normalize(written)) return undefined;
    if (!zoned) return wall.toISOString().slice(0, 10) as CalendarDate;
    return inZone.format(instant) as CalendarDate;
  };
}

function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/\d+/g, (n) => String(Number(n)))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The same conversion in DuckDB, for a column read as text: the expression giving its DATE.
 * DuckDB's strptime names a few directives differently (%e is %-d, %L is %g, the offset %Z is
 * %z and does not read "Z"). Cells reach it only after Tally's own check of the file.
 */
export function duckDateExpression(column: string, format: string, timeZone = 'UTC'): string {
  const duck = format.replace(/%(.)/g, (_, d: string) => (d === 'e' ? '%-d' : d === 'L' ? '%g' : d === 'Z' ? '%z' : `%${d}`));
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const text = `trim(${column})`;
  if (!format.endsWith('%Z')) return `CAST(strptime(${text}, ${literal(duck)}) AS DATE)`;
  const offset = `regexp_replace(${text}, '[Zz]$', '+00:00')`;
  return `CAST(timezone(${literal(timeZone)}, strptime(${offset}, ${literal(duck)})) AS DATE)`;
}
