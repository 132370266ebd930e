/**
 * Temporal axes that say which year they show: months as "Jan", days as "Jan 5", and the year
 * under the first label and under the first label of each new year (Vega's month and day ticks
 * start a year on its first days), so "Oct Apr Oct" never leaves a reader guessing.
 *
 * Written on each encoding rather than in the config: an axis whose time unit drops the year
 * (`month`, `quarter`, `monthdate`...) plots a dummy year that must not be printed. An author's
 * own label expression (or no axis) stands; with an own format, only the year line is added
 * (not when the label names the year already), on every layer sharing the axis.
 */
export const TEMPORAL_AXIS = {
  format: { year: '%Y', quarter: '%b', month: '%b', week: '%b %-d', date: '%b %-d', hours: '%H:%M', minutes: '%H:%M', seconds: ':%S', milliseconds: '.%L' },
  // The year goes under the first label, and under a label that starts a year: January 1 (at
  // midnight), or a month label (no day in it) in January. Not under every tick of January's
  // first days: daily and hourly ticks there are not the year's first.
  labelExpr:
    "(datum.index == 0 || (utcmonth(datum.value) == 0 && ((utcdate(datum.value) == 1 && utchours(datum.value) == 0) || (utcdate(datum.value) <= 7 && !test(regexp('[0-9]'), datum.label))))) && indexof(datum.label, utcFormat(datum.value, '%Y')) < 0 ? [datum.label, utcFormat(datum.value, '%Y')] : datum.label",
};

const CHANNELS = ['x', 'y'] as const;

/** The spec with the temporal axis defaults on every x or y encoding they suit. Returns a copy; the input is not changed. */
export function withTemporalAxes(spec: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> = { ...spec };
  // A view and its layers share their axes: decide per channel over all of them.
  for (const channel of CHANNELS) {
    const layers = Array.isArray(out.layer) ? out.layer.filter(isObject) : [];
    const defs = [out, ...layers].map((u) => (isObject(u.encoding) ? u.encoding[channel] : undefined)).filter(isObject);
    if (!defs.some(suits) || defs.some((d) => d.axis === null || (isObject(d.axis) && 'labelExpr' in d.axis))) continue;
    const ownFormat = defs.some((d) => isObject(d.axis) && ('format' in d.axis || 'formatType' in d.axis));
    const extra = ownFormat ? { labelExpr: TEMPORAL_AXIS.labelExpr } : TEMPORAL_AXIS;
    out = withAxis(out, channel, extra);
    if (Array.isArray(out.layer)) out.layer = out.layer.map((l) => (isObject(l) ? withAxis(l, channel, extra) : l));
  }
  if (Array.isArray(out.layer)) out.layer = out.layer.map((l) => (isObject(l) && Array.isArray(l.layer) ? withTemporalAxes(l) : l));
  for (const key of ['hconcat', 'vconcat', 'concat'] as const) {
    const parts = out[key];
    if (Array.isArray(parts)) out[key] = parts.map((p) => (isObject(p) ? withTemporalAxes(p) : p));
  }
  if (isObject(out.spec)) out.spec = withTemporalAxes(out.spec);
  return out;
}

function withAxis(unit: Record<string, unknown>, channel: string, extra: object): Record<string, unknown> {
  const def = isObject(unit.encoding) ? unit.encoding[channel] : undefined;
  if (!isObject(def) || !suits(def)) return unit;
  const axis = isObject(def.axis) ? def.axis : {};
  return { ...unit, encoding: { ...(unit.encoding as object), [channel]: { ...def, axis: { ...extra, ...axis } } } };
}

/** A temporal field whose time unit, if any, keeps the year (a year-less unit plots a dummy year). */
function suits(def: Record<string, unknown>): boolean {
  if (def.type !== 'temporal' || typeof def.field !== 'string') return false;
  const unit = isObject(def.timeUnit) ? def.timeUnit.unit : def.timeUnit;
  return unit === undefined || (typeof unit === 'string' && unit.includes('year'));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
