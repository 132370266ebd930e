import { fitsWidth, LAYOUTS } from './chart-layout.ts';
import { copiedRowsOf } from './row-origin.ts';
import { placedXs, xReader } from './row-x.ts';

/**
 * Long series drawn at the resolution they are seen: a line or area of 20,000 points in 560
 * pixels draws ~36 points per pixel column, which the eye cannot tell from the column's first,
 * last, lowest and highest point. M4 keeps exactly those four per column and series, so the
 * drawn path is the same picture (extremes, the last point at asOf, gaps) at a fraction of the
 * bytes. The data table and the interactive layer keep every row.
 */

/** How to cut one data source into series and pixel columns. */
export interface SeriesShape {
  /** The x field: numbers, or dates (ISO text or milliseconds) for a temporal axis. */
  x: string;
  /** The fields drawn along y (y, and y2 for a band): each keeps its own extremes. */
  y: readonly string[];
  /** Fields that split the rows into series (color, detail…): each series is sampled alone. */
  groupBy: readonly string[];
  /** Pixel columns the x axis spans. */
  width: number;
}

const yOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The rows to draw: per series, per pixel column of x, the first and last row and the rows with
 * the lowest and highest value of each y field (so ≤ 4 rows per column with one y field). Rows
 * whose y is missing are gaps in a line: one per column is kept, in a budget of fewer columns,
 * so the total stays ≤ 4 × width per series. Rows come back in their input order; a series no
 * longer than 4 × width, and rows whose x cannot be placed, are kept whole.
 */
export function downsample<T extends Record<string, unknown>>(rows: readonly T[], shape: SeriesShape): T[] {
  const width = Math.max(1, Math.floor(shape.width));
  const n = rows.length;
  // Rows kept, flagged by index: read back in input order, with no set to sort.
  const kept = new Uint8Array(n);
  let count = 0;
  const allX = new Float64Array(n);
  const field = shape.x;
  // Rows copied from a data file: their x, read once per file rather than once per chart.
  const origin = copiedRowsOf(rows);
  const known = origin && placedXs(origin, field);
  const placeOf = xReader();
  const placeAt = (i: number): number | undefined => {
    if (!known) return placeOf(rows[i]![field]);
    const x = known[i]!;
    return Number.isNaN(x) ? undefined : x;
  };
  const keepAll = (indices: ArrayLike<number>, length: number) => {
    for (let p = 0; p < length; p++) {
      const i = indices[p]!;
      if (kept[i] === 0) {
        kept[i] = 1;
        count++;
      }
    }
  };
  if (shape.groupBy.length === 0) {
    // Every placed row is one series.
    const placed = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const x = placeAt(i);
      if (x === undefined) {
        kept[i] = 1;
        count++;
      } else {
        allX[i] = x;
        placed[m++] = i;
      }
    }
    if (m <= 4 * width) return rows.slice();
    const out = m4(rows, allX, placed, m, shape, width);
    keepAll(out, out.length);
  } else {
    for (const indices of seriesOf(rows, shape.groupBy, (i) => {
      const x = placeAt(i);
      if (x === undefined) {
        kept[i] = 1;
        count++;
        return false;
      }
      allX[i] = x;
      return true;
    })) {
      if (indices.length <= 4 * width) keepAll(indices, indices.length);
      else {
        const out = m4(rows, allX, indices, indices.length, shape, width);
        keepAll(out, out.length);
      }
    }
  }
  if (count === n) return rows.slice();
  const out: T[] = [];
  for (let i = 0; i < n; i++) if (kept[i] === 1) out.push(rows[i]!);
  return out;
}

/**
 * The indices of the placed rows (`placed` true), split into series by the JSON of their
 * group-by values. One field's plain value finds its series without writing that JSON again:
 * rows with the same value have the same JSON, so the series are the very same.
 */
function seriesOf<T extends Record<string, unknown>>(rows: readonly T[], groupBy: readonly string[], placed: (i: number) => boolean): Iterable<number[]> {
  const series = new Map<string, number[]>();
  const byValue = new Map<unknown, number[]>();
  const one = groupBy.length === 1 ? groupBy[0]! : undefined;
  for (let i = 0; i < rows.length; i++) {
    if (!placed(i)) continue;
    const row = rows[i]!;
    let list: number[] | undefined;
    if (one !== undefined) {
      const v = row[one];
      const plain = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined;
      if (plain) list = byValue.get(v);
      if (!list) {
        const key = JSON.stringify([v ?? null]);
        list = series.get(key);
        if (!list) series.set(key, (list = []));
        if (plain) byValue.set(v, list);
      }
    } else {
      const key = JSON.stringify(groupBy.map((g) => row[g] ?? null));
      list = series.get(key);
      if (!list) series.set(key, (list = []));
    }
    list.push(i);
  }
  return series.values();
}

/** M4 over one series (the first `n` of `indices`): the indices of the rows to keep. Typed arrays: a series may have 100,000 rows. */
function m4(rows: readonly Record<string, unknown>[], allX: Float64Array, indices: ArrayLike<number>, n: number, shape: SeriesShape, width: number): number[] {
  const ny = shape.y.length;
  // Each row's y read once (and its x, parsed once by the caller); NaN: no y.
  const xs = new Float64Array(n);
  const ys = new Float64Array(n * ny);
  let lo = Infinity;
  let hi = -Infinity;
  let gaps = false;
  const fields = shape.y;
  const only = ny === 1 ? fields[0]! : undefined;
  for (let p = 0; p < n; p++) {
    const i = indices[p]!;
    const row = rows[i]!;
    const x = allX[i]!;
    xs[p] = x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if (only !== undefined) {
      // The one y field, read without the loop over fields (most charts).
      const v = row[only];
      if (typeof v === 'number' && Number.isFinite(v)) ys[p] = v;
      else {
        ys[p] = NaN;
        gaps = true;
      }
      continue;
    }
    for (let k = 0; k < ny; k++) {
      const y = yOf(row[fields[k]!]);
      ys[p * ny + k] = y ?? NaN;
      if (y === undefined) gaps = true;
    }
  }
  // One y field: first, last, lowest, highest, so one pixel column each. A gap row, or a second
  // y field's extremes, take more rows per column: fewer, wider columns keep the budget of 4 × width.
  const perColumn = (gaps ? 1 : 0) + 2 + 2 * ny;
  const columns = Math.max(1, Math.floor((4 * width) / perColumn));
  const span = hi - lo || 1;
  const first = new Int32Array(columns).fill(-1);
  const last = new Int32Array(columns).fill(-1);
  const gap = new Int32Array(columns).fill(-1);
  const min = new Int32Array(columns * ny).fill(-1);
  const max = new Int32Array(columns * ny).fill(-1);
  for (let p = 0; p < n; p++) {
    const x = xs[p]!;
    const col = Math.min(columns - 1, Math.floor(((x - lo) / span) * columns));
    // First and last by x (ties: input order), as a line's path is drawn in x order.
    if (first[col]! < 0 || x < xs[first[col]!]!) first[col] = p;
    if (last[col]! < 0 || x >= xs[last[col]!]!) last[col] = p;
    for (let k = 0; k < ny; k++) {
      const y = ys[p * ny + k]!;
      const at = col * ny + k;
      if (Number.isNaN(y)) {
        if (gap[col]! < 0) gap[col] = p;
      } else {
        if (min[at]! < 0 || y < ys[min[at]! * ny + k]!) min[at] = p;
        if (max[at]! < 0 || y > ys[max[at]! * ny + k]!) max[at] = p;
      }
    }
  }
  const out: number[] = [];
  for (const list of [first, last, gap, min, max]) for (const p of list) if (p >= 0) out.push(indices[p]!);
  return out;
}

/** Pixel width assumed for a composite view whose width the spec does not give (wider than any layout Tally draws). */
export const DEFAULT_PIXEL_WIDTH = 800;
/** A single or layered view is drawn at each layout's width, whatever the spec says (chart-layout.ts): its widest. */
const FITTED_WIDTH = Math.max(...Object.values(LAYOUTS).map((l) => l.width));

type Node = Record<string, unknown>;
type Encoding = Record<string, unknown>;
/** A unit's reading of its data: the series shape, or undefined when sampling would change the picture. */
type Reading = SeriesShape | undefined;

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
// Channels that draw each row by itself or order rows: sampling would drop marks a reader sees.
const EVERY_ROW = new Set(['order', 'text', 'shape', 'url', 'href', 'description', 'key', 'theta', 'radius', 'latitude', 'longitude', 'xOffset', 'yOffset', 'x2']);
const CONTINUOUS = new Set(['quantitative', 'temporal']);

/**
 * The spec with the inline data of its line and area marks sampled to their width (M4 per
 * series): a data source is sampled only when every mark that reads it is a line or area with a
 * quantitative or temporal x field, a quantitative y, no aggregate, bin, time unit or transform
 * between the data and the mark, and no stacking of several series. Everything else is drawn
 * from every row. Returns the spec itself when nothing was sampled.
 */
export function downsampleSpec(spec: Node): Node {
  const readers = new Map<Node, Reading[]>();
  const read = (data: unknown, reading: Reading): void => {
    if (!isObject(data) || !Array.isArray(data.values)) return;
    readers.set(data, [...(readers.get(data) ?? []), reading]);
  };

  const visit = (node: Node, data: unknown, encoding: Encoding, width: number | undefined, transformed: boolean): void => {
    const own = isObject(node.data) ? node.data : undefined;
    const here = own ?? data;
    const enc = { ...encoding, ...(isObject(node.encoding) ? node.encoding : {}) };
    const w = typeof node.width === 'number' ? node.width : width;
    // A transform reshapes the rows between the data and the mark: only the data below it is sampled.
    const shaped = own ? Array.isArray(node.transform) && node.transform.length > 0 : transformed || (Array.isArray(node.transform) && node.transform.length > 0);
    if ('mark' in node) return read(here, shaped ? undefined : readingOf(node.mark, enc, w));
    if (Array.isArray(node.layer)) return node.layer.forEach((n) => isObject(n) && visit(n, here, enc, w, shaped));
    for (const key of ['concat', 'hconcat', 'vconcat'] as const) {
      const parts = node[key];
      if (Array.isArray(parts)) return parts.forEach((n) => isObject(n) && visit(n, here, {}, undefined, shaped));
    }
    // facet, repeat: the rows are split or reused in ways this does not follow.
    read(here, undefined);
    if (isObject(node.spec)) visit(node.spec, undefined, {}, undefined, true);
  };
  const config = isObject(spec.config) && isObject(spec.config.view) ? spec.config.view : {};
  const width = typeof config.continuousWidth === 'number' ? config.continuousWidth : DEFAULT_PIXEL_WIDTH;
  if (fitsWidth(spec)) visit({ ...spec, width: FITTED_WIDTH }, undefined, {}, FITTED_WIDTH, false);
  else visit(spec, undefined, {}, typeof spec.width === 'number' ? spec.width : width, false);

  const sampled = new Map<Node, Node>();
  for (const [data, readings] of readers) {
    const shape = merge(readings);
    // A parse the spec declares for x (a date format of its own) is Vega's to read, not ours.
    const parse = isObject(data.format) && isObject(data.format.parse) ? data.format.parse : {};
    if (!shape || shape.x in parse) continue;
    const values = data.values as Node[];
    const kept = downsample(values, shape);
    if (kept.length < values.length) sampled.set(data, { ...data, values: kept });
  }
  if (sampled.size === 0) return spec;
  const rebuild = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rebuild);
    if (!isObject(node)) return node;
    const hit = sampled.get(node);
    if (hit) return hit;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'values' || k === 'datasets' ? v : rebuild(v)]));
  };
  return rebuild(spec) as Node;
}

function readingOf(mark: unknown, enc: Encoding, width: number | undefined): Reading {
  const def = isObject(mark) ? mark : { type: mark };
  if ((def.type !== 'line' && def.type !== 'area') || def.point || (isObject(def.line) || def.line === true)) return undefined;
  const x = enc.x;
  const y = enc.y;
  if (!isObject(x) || !isObject(y) || !plainField(x) || !plainField(y)) return undefined;
  if (!CONTINUOUS.has(String(x.type)) || y.type !== 'quantitative') return undefined;
  // Pixel columns are even steps of x only on a linear or time scale over the data's own range.
  const scale = isObject(x.scale) ? x.scale : {};
  if ((scale.type !== undefined && !['linear', 'time', 'utc'].includes(String(scale.type))) || scale.domain !== undefined) return undefined;
  const ys = [y.field as string];
  const groupBy: string[] = [];
  for (const [channel, def] of Object.entries(enc)) {
    if (channel === 'x' || channel === 'y' || channel === 'tooltip') continue;
    const defs = Array.isArray(def) ? def : [def];
    for (const d of defs) {
      if (!isObject(d) || d.field === undefined) continue;
      if (EVERY_ROW.has(channel) || !plainField(d)) return undefined;
      if (channel === 'y2') ys.push(d.field as string);
      else groupBy.push(d.field as string);
    }
  }
  // Several stacked areas add up row by row: each series must keep the same x values.
  if (def.type === 'area' && groupBy.length && y.stack !== null && y.stack !== false) return undefined;
  return { x: x.field as string, y: ys, groupBy, width: width ?? DEFAULT_PIXEL_WIDTH };
}

/** A field read as it is: no aggregate, bin, time unit, nested path or repeat. */
function plainField(def: Node): boolean {
  return typeof def.field === 'string' && !/[.[\]\\]/.test(def.field) && !def.aggregate && !def.bin && !def.timeUnit;
}

/** One shape for every mark reading a source, or undefined when any of them may not be sampled. */
function merge(readings: Reading[]): SeriesShape | undefined {
  if (readings.some((r) => !r)) return undefined;
  const all = readings as SeriesShape[];
  if (all.some((r) => r.x !== all[0]!.x)) return undefined;
  return {
    x: all[0]!.x,
    y: [...new Set(all.flatMap((r) => r.y))],
    groupBy: [...new Set(all.flatMap((r) => r.groupBy))],
    width: Math.max(...all.map((r) => r.width)),
  };
}
