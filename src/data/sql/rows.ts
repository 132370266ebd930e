import {
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBUUIDValue,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { fail, type Loc } from '../../core/errors.ts';

/** A value as a query gives it to a figure: plain JavaScript, never BigInt or a DuckDB object. */
export type SqlValue = number | string | boolean | null | SqlValue[] | { [key: string]: SqlValue };
export type SqlRow = Record<string, SqlValue>;
/** What may be interpolated into `t.sql` as a bound parameter. */
export type SqlParam = number | string | boolean | bigint | null;

const DAY_MS = 86_400_000;

/**
 * The rows of a result as plain records: counts and sums (BIGINT, HUGEINT) become numbers, and
 * one beyond Number.MAX_SAFE_INTEGER fails rather than being rounded; DECIMAL becomes a number;
 * DATE a `YYYY-MM-DD` string, as everywhere in Tally; a timestamp an ISO string; NULL null.
 */
export function plainRows(reader: DuckDBResultReader, loc: Loc): SqlRow[] {
  const names = reader.columnNames();
  const types = reader.columnTypes().map(String);
  return reader.getRows().map((values) => {
    const row: SqlRow = {};
    names.forEach((name, i) => (row[name] = plain(values[i] ?? null, () => `column "${name}" (${types[i]})`, loc)));
    return row;
  });
}

function plain(v: DuckDBValue, where: () => string, loc: Loc): SqlValue {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      fail('SqlError', loc, `${where()} holds ${v}, beyond the integers a JavaScript number keeps exactly (±${Number.MAX_SAFE_INTEGER})`, []);
    }
    return Number(v);
  }
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBDateValue) return isoDate(v.days * DAY_MS, v, where, loc).slice(0, 10);
  if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return isoDate(Number(v.micros / 1000n), v, where, loc);
  if (v instanceof DuckDBTimestampMillisecondsValue) return isoDate(Number(v.millis), v, where, loc);
  if (v instanceof DuckDBTimestampSecondsValue) return isoDate(Number(v.seconds) * 1000, v, where, loc);
  if (v instanceof DuckDBTimestampNanosecondsValue) return isoDate(Number(v.nanos / 1_000_000n), v, where, loc);
  if (v instanceof DuckDBUUIDValue) return v.toString();
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items.map((item, i) => plain(item, () => `${where()}[${i}]`, loc));
  if (v instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(v.entries).map(([k, item]) => [k, plain(item, () => `${where()}.${k}`, loc)]));
  }
  return fail('SqlError', loc, `${where()} is of a type figures do not read (${v.constructor.name.replace(/^DuckDB|Value$/g, '')}); cast it in the query, e.g. to VARCHAR or DOUBLE`, []);
}

function isoDate(ms: number, v: DuckDBValue, where: () => string, loc: Loc): string {
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999) {
    fail('SqlError', loc, `${where()} holds ${String(v)}, a date outside the years 0–9999`, []);
  }
  return d.toISOString();
}

/**
 * Values interpolated into `t.sql`, bound as parameters `$1`, `$2`…: never spliced into the SQL
 * text, so a quote in a value is data. Whole numbers are bound as BIGINT (so `LIMIT ${n}` works).
 */
export function boundParams(values: readonly unknown[], loc: Loc): SqlParam[] {
  return values.map((v, i) => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail('SqlError', loc, `parameter $${i + 1} is ${v}, not a finite number`, []);
      return Number.isSafeInteger(v) ? BigInt(v) : v;
    }
    const what = v === undefined ? 'undefined' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
    return fail('SqlError', loc, `parameter $${i + 1} is ${what}; interpolate a number, a string, a boolean or null (or a table with t.table(…))`, []);
  });
}
