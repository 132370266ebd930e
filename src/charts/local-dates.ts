/**
 * The interactive view's dates. The build draws in UTC, and Vega reads "2026-01-02" as midnight
 * UTC but formats in the reader's time zone, which would label it Jan 1 west of Greenwich: the
 * calendar dates of every field plotted as temporal become local midnight ("2026-01-02T00:00"),
 * which prints as the same day everywhere. Shared by the interactive file's two makers:
 * interactive-spec.ts (from the spec's JSON, in a worker) and interactive-from-rows.ts (from the
 * bound rows, in the build's main thread).
 */

/** A calendar date as Tally writes it in data: "2026-01-02". */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a calendar date gets to become local midnight. */
export const LOCAL_MIDNIGHT = 'T00:00';

/** The value as the interactive view holds it: a calendar date made local midnight, anything else as it is. */
export const localDate = (v: unknown): unknown => (typeof v === 'string' && CALENDAR_DATE.test(v) ? `${v}${LOCAL_MIDNIGHT}` : v);

/** A copy of a row with the calendar dates of its `fields` made local midnight; a row that is not a record as it is. */
export function localRow(row: unknown, fields: Iterable<string>): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const f of fields) if (Object.hasOwn(out, f)) out[f] = localDate(out[f]);
  return out;
}

/** Whether an array under `key`, in an object under `parent`, is a table of rows: data.values, or a named entry of top-level datasets. */
export const isRows = (key: string | undefined, parent: string | undefined): boolean => (key === 'values' && parent === 'data') || parent === 'datasets';

/** Every field an encoding anywhere in the spec (layers, concats, facets) reads as temporal. */
export function temporalFields(spec: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'temporal' && typeof o.field === 'string') found.add(o.field);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'datasets') visit(v);
  };
  visit(spec);
  return found;
}
