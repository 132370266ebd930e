/**
 * Temporal axes that say which year they show: months as "Jan", days as "Jan 5", and the year
 * under the first label and under the first label of each new year (Vega's month and day ticks
 * start a year on its first days), so "Oct Apr Oct" never leaves a reader guessing.
 *
 * Written on each encoding rather than in the config: an axis whose time unit drops the year
 * (`month`, `quarter`, `monthdate`...) plots a dummy year that must not be printed. An author's
 * own label expression (or no axis) stands; with an own format, only the year line is added
 * (not when the label names the year already), on every layer sharing the axis.
 *
 * On date-only data (every value a `YYYY-MM-DD`) the tick interval is chosen here from the
 * data's span and the plot's width, never finer than a day (Vega's own choice put ticks at noon
 * on a week of daily data), so the label expression knows the step between ticks and names the
 * year at the first tick of each year whatever the interval: day, week, month, quarter, year.
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

/**
 * The spec with the temporal axis defaults on every x or y encoding they suit. `plotWidth`, the
 * width in px an x axis is drawn across (about), sets how many ticks date-only data gets; without
 * it Vega chooses. Returns a copy; the input is not changed.
 */
export function withTemporalAxes(spec: Record<string, unknown>, plotWidth?: number, inherited?: unknown[]): Record<string, unknown> {
  let out: Record<string, unknown> = { ...spec };
  const own = isObject(out.data) && Array.isArray(out.data.values) ? out.data.values : undefined;
  const rows = own ?? (out.data === undefined ? inherited : undefined);
  // A view and its layers share their axes: decide per channel over all of them.
  for (const channel of CHANNELS) {
    const layers = Array.isArray(out.layer) ? out.layer.filter(isObject) : [];
    const defs = [out, ...layers].map((u) => (isObject(u.encoding) ? u.encoding[channel] : undefined)).filter(isObject);
    if (!defs.some(suits) || defs.some((d) => d.axis === null || (isObject(d.axis) && 'labelExpr' in d.axis))) continue;
    const ownFormat = defs.some((d) => isObject(d.axis) && ('format' in d.axis || 'formatType' in d.axis));
    const ownTicks = defs.some((d) => d.timeUnit !== undefined || (isObject(d.axis) && ('tickCount' in d.axis || 'values' in d.axis)) || (isObject(d.scale) && 'domain' in d.scale));
    const plan = plotWidth && !ownTicks ? tickPlan(dateValues(defs, [rows, ...layers.map((l) => (isObject(l.data) ? l.data.values : undefined))]), channel === 'x' ? plotWidth : plotWidth * 0.6) : undefined;
    const extra = plan ? { ...(ownFormat ? {} : { format: plan.format }), tickCount: plan.tickCount, labelExpr: plan.labelExpr } : ownFormat ? { labelExpr: TEMPORAL_AXIS.labelExpr } : TEMPORAL_AXIS;
    out = withAxis(out, channel, extra);
    if (Array.isArray(out.layer)) out.layer = out.layer.map((l) => (isObject(l) ? withAxis(l, channel, extra) : l));
  }
  if (Array.isArray(out.layer)) out.layer = out.layer.map((l) => (isObject(l) && Array.isArray(l.layer) ? withTemporalAxes(l, plotWidth, rows) : l));
  for (const key of ['hconcat', 'vconcat', 'concat'] as const) {
    const parts = out[key];
    if (Array.isArray(parts)) out[key] = parts.map((p) => (isObject(p) ? withTemporalAxes(p, plotWidth, rows) : p));
  }
  if (isObject(out.spec)) out.spec = withTemporalAxes(out.spec, plotWidth, rows);
  return out;
}

interface TickPlan {
  tickCount: { interval: 'day' | 'week' | 'month' | 'year'; step: number };
  format: string;
  labelExpr: string;
}

const DAY = 86_400_000;
/** Tick intervals from the finest, each with the room its label needs (px between ticks). */
const LADDER = [
  ...[1, 2].map((step) => ({ interval: 'day' as const, step, ms: step * DAY, room: 65 })),
  ...[1, 2].map((step) => ({ interval: 'week' as const, step, ms: step * 7 * DAY, room: 65 })),
  ...[1, 2, 3, 6].map((step) => ({ interval: 'month' as const, step, ms: step * 30.44 * DAY, room: 50 })),
  ...[1, 2, 5, 10, 20, 25, 50, 100].map((step) => ({ interval: 'year' as const, step, ms: step * 365.25 * DAY, room: 55 })),
];

/**
 * The finest interval whose ticks over the dates leave each label its room, and the year line
 * for it: a tick is its year's first when the tick one step before it falls in the year before,
 * i.e. when it lies within the year's first step (ticks of every d3 interval are aligned to it:
 * days within the month, weeks since 1970, months within the year). Undefined when the values
 * are not all calendar dates.
 */
export function tickPlan(dates: number[] | undefined, plotWidth: number): TickPlan | undefined {
  if (!dates || dates.length === 0) return undefined;
  const span = Math.max(...dates) - Math.min(...dates);
  const rung = LADDER.find((r) => Math.floor(span / r.ms) + 1 <= Math.max(2, Math.floor(plotWidth / r.room))) ?? LADDER[LADDER.length - 1]!;
  const { interval, step } = rung;
  const firstOfYear = interval === 'day' ? `utcdayofyear(datum.value) <= ${step}` : interval === 'week' ? `utcdayofyear(datum.value) <= ${7 * step}` : interval === 'month' ? 'utcmonth(datum.value) == 0' : 'false';
  return {
    tickCount: { interval, step },
    format: interval === 'year' ? '%Y' : interval === 'month' ? '%b' : '%b %-d',
    labelExpr: `(datum.index == 0 || ${firstOfYear}) && indexof(datum.label, utcFormat(datum.value, '%Y')) < 0 ? [datum.label, utcFormat(datum.value, '%Y')] : datum.label`,
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The values of the axis's fields as times, when every one is a calendar date; else undefined. */
function dateValues(defs: Record<string, unknown>[], sources: unknown[]): number[] | undefined {
  const fields = new Set(defs.filter(suits).map((d) => d.field as string));
  const out: number[] = [];
  for (const rows of sources) {
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      if (!isObject(row)) continue;
      for (const f of fields) {
        const v = row[f];
        if (v === null || v === undefined) continue;
        if (typeof v !== 'string' || !DATE_ONLY.test(v)) return undefined;
        out.push(Date.parse(v));
      }
    }
  }
  return out.length ? out : undefined;
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
