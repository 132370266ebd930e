/** The implementation replaced, kept as the oracle the faster one must equal (bind-spec-reference.test.ts). */
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { cutAsOf } from './cut-as-of.ts';
import { dataFilePath, manifestPathOf } from '../../../src/data/data-roots.ts';
import { formatOf } from '../../../src/data/file-format.ts';
import { loadDataFile } from '../../../src/data/load-table.ts';
import { fail } from '../../../src/core/errors.ts';
import type { ComputedDataset } from '../../../src/figures/compute-figures.ts';
import type { SourceRef } from '../../../src/figures/track-reads.ts';
import { encodedFields } from '../../../src/charts/data-table.ts';
import { geoData } from '../../../src/charts/geo-data.ts';
import { downsampleSpec } from '../../properties/downsample-reference/downsample.ts';
import { fillMissingKeys, mapInlineData } from './inline-data.ts';
import { inlineImages } from '../../../src/charts/inline-images.ts';
import { lineOf, type SpecFile } from '../../../src/charts/read-spec.ts';
import { datesForYears } from './temporal-years.ts';
import { transformInputs, transformOutputs } from '../../../src/charts/transform-columns.ts';

export interface BoundSpec {
  /** What is drawn: long line and area series sampled to the pixels they span (downsample.ts). */
  spec: Record<string, unknown>;
  /** The same spec with every row, for the interactive layer (the same object when nothing was sampled). */
  full: Record<string, unknown>;
  /** The rows of the first data source, for the chart's data-table fallback. */
  primary: { rows: Record<string, unknown>[]; name: string } | undefined;
  sources: SourceRef[];
}

/**
 * Replaces every `data` of the spec (top level, layers, concats, lookups) by inline values:
 * a `url` by the rows of that file in data/, cut at the asOf; a `name` by a dataset of
 * the figures module. Vega never loads anything itself. Then, so that Vega draws what
 * the author meant: a key some records omit is null in them, years plotted as time are dates,
 * local images are data URIs, and long series are sampled to the chart's width.
 * `sample: false` leaves the drawn copy unsampled (`spec` is then `full`), for a caller that
 * reads only `full`, as the lock does.
 */
export function bindSpecData(
  file: SpecFile,
  asOf: CalendarDate,
  datasets: ReadonlyMap<string, ComputedDataset>,
  options: { sample?: boolean } = {},
): BoundSpec {
  const sources = new Map<string, SourceRef>();
  let primary: BoundSpec['primary'];
  const inline = new Set(Object.keys((file.spec.datasets as Record<string, unknown> | undefined) ?? {}));
  // Columns of the data Tally binds, to check the fields the encodings read; unknown when the spec has data of its own.
  const columns = new Map<string, string[]>();
  let ownData = false;
  // Date columns whose declared format carries a time of day, which a date (a calendar day) does not keep.
  const days = new Map<string, { file: string; format: string }>();

  const bind = (data: Record<string, unknown>): Record<string, unknown> => {
    let rows: Record<string, unknown>[];
    let name: string;
    // What Vega reads: the rows, with the objects of a JSON file's nested columns put back.
    let values: Record<string, unknown>[] | undefined;
    if (typeof data.url === 'string') {
      const loc = { file: file.file, line: lineOf(file.text, `"${data.url}"`) };
      const loaded = loadDataFile(data.url, loc);
      const geo = geoData(loaded.document, data, loaded.entry.format ?? formatOf(loaded.entry.file));
      if (geo && (!loaded.table || drawsShapes(file.spec))) {
        // A map: the GeoJSON or TopoJSON document goes in whole (it has no dates to cut); its
        // features' properties are the data table.
        name = loaded.entry.file;
        sources.set(name, sources.get(name) ?? { file: name, columns: [], latest: false });
        primary ??= { rows: geo.rows, name };
        ownData = true;
        const { url: _url, format: _format, ...rest } = data;
        return { ...rest, values: loaded.document, format: geo.format };
      }
      if (!loaded.table) fail('InvalidSpec', loc, `The spec reads ${data.url}, which has no declared columns in ${manifestPathOf(loaded.entry.file)}; charts read tables, and maps read GeoJSON or TopoJSON.`);
      const table = cutAsOf(loaded.table, asOf);
      if (table.rows.length > maxChartRows()) fail('ChartTooManyRows', loc, dataFilePath(loaded.entry.file), table.rows.length, maxChartRows());
      rows = table.rows.map((r) => ({ ...r }));
      name = loaded.entry.file;
      for (const [column, spec] of Object.entries(loaded.entry.columns ?? {})) {
        if (spec.type === 'date' && spec.format && TIME_OF_DAY.test(spec.format)) days.set(column, { file: name, format: spec.format });
      }
      const paths = nestedPaths(loaded.entry.columns ?? {});
      columns.set(name, [...Object.keys(loaded.table.columns), ...new Set(paths.map(([, p]) => p[0]!))]);
      if (paths.length) values = rows.map((r) => nest(r, paths));
      const ref = sources.get(name) ?? { file: name, columns: [], latest: false };
      sources.set(name, ref);
    } else if (typeof data.name === 'string' && !inline.has(data.name)) {
      const ds = datasets.get(data.name);
      if (!ds) fail('UnknownDataset', { file: file.file, line: lineOf(file.text, `"${data.name}"`) }, data.name, [...datasets.keys()]);
      if (ds.rows.length > maxChartRows()) fail('ChartTooManyRows', { file: file.file, line: lineOf(file.text, `"${data.name}"`) }, `the dataset "${data.name}"`, ds.rows.length, maxChartRows());
      rows = ds.rows;
      name = data.name;
      if (rows.length) columns.set(name, [...new Set(rows.slice(0, 1000).flatMap((r) => Object.keys(r)))]);
      else ownData = true; // no row to learn the columns from
      for (const s of ds.sources) sources.set(s.file, s);
    } else {
      ownData = true;
      return data;
    }
    primary ??= { rows, name };
    const { url: _url, name: _name, format, ...rest } = data;
    const keep = typeof format === 'object' && format && 'parse' in format ? { format: { parse: (format as { parse: unknown }).parse } } : {};
    return { ...rest, ...keep, values: values ?? rows };
  };

  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === 'data' && typeof v === 'object' && v !== null && !Array.isArray(v) ? bind(walk(v) as Record<string, unknown>) : walk(v);
    }
    return out;
  };

  const bound = walk(file.spec) as Record<string, unknown>;
  if (!ownData) checkEncodedFields(file, columns, bound);
  for (const [field, { file: data, format }] of days) {
    const unit = timeOfDayRead(file.spec, field);
    if (unit) fail('InvalidSpec', { file: file.file, line: lineOf(file.text, unit.needle) }, `The spec reads the ${unit.what} of "${field}", but ${dataFilePath(data)} declares "${field}" a date written "${format}": a date is a calendar day, so its time of day is not kept and every row would read as midnight. Aggregate by the time of day in a dataset of the figures module (t.sql: \`SELECT hour(${field}) AS hour, …\`) and plot that column, or plot "${field}" by day.`);
  }
  const full = inlineImages(datesForYears(mapInlineData(bound, fillMissingKeys), file), file);
  return { spec: options.sample === false ? full : downsampleSpec(full), full, primary, sources: [...sources.values()] };
}

/**
 * A field that no bound data has would make Vega draw an empty chart (or a fold an empty
 * series) without a word: fail instead, with the spec's line and the columns it could have
 * meant. The columns a transform makes, under its `as` or Vega-Lite's default names, count.
 */
function checkEncodedFields(file: SpecFile, columns: ReadonlyMap<string, string[]>, bound: Record<string, unknown>): void {
  if (columns.size === 0) return;
  const known = new Set([...columns.values()].flat());
  const created = transformOutputs(file.spec, boundRows(bound));
  for (const field of transformInputs(file.spec)) {
    if (known.has(field) || created.has(field)) continue;
    const [name, cols] = [...columns][0]!;
    fail('UnknownColumn', { file: file.file, line: lineOf(file.text, `"${field}"`) }, field, name, cols);
  }
  const guides = guideOnlyFields(file.spec);
  for (const field of encodedFields(file.spec)) {
    if (guides.has(field)) continue;
    // "a.b" reads b inside a; "a\.b" is a column named "a.b".
    const head = field.includes('\\.') ? field.replace(/\\\./g, '.') : field.split('.')[0]!;
    if (known.has(head) || created.has(field) || created.has(head)) continue;
    const [name, cols] = [...columns][0]!;
    fail('UnknownColumn', { file: file.file, line: lineOf(file.text, `"${field}"`) }, field, name, cols);
  }
}

/**
 * Fields named only inside an axis, legend or header: a condition there tests the guide's own
 * tick or label (`{"test": {"field": "value", "timeUnit": "month", "equal": 1}}` reads each
 * tick's value), not a column of the data.
 */
function guideOnlyFields(spec: unknown): Set<string> {
  const inGuides = new Set<string>();
  const elsewhere = new Set<string>();
  const walk = (node: unknown, guide: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, guide));
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'datasets') continue;
      if (k === 'field' && typeof v === 'string') (guide ? inGuides : elsewhere).add(v);
      walk(v, guide || k === 'axis' || k === 'legend' || k === 'header');
    }
  };
  walk(spec, false);
  return new Set([...inGuides].filter((f) => !elsewhere.has(f)));
}

/** The declared columns read from inside a record's objects (`path: "record.low"`), with that path's steps. */
function nestedPaths(specs: Readonly<Record<string, { path?: string | undefined }>>): [string, string[]][] {
  return Object.entries(specs).flatMap(([column, spec]) => (spec.path?.includes('.') ? [[column, spec.path.split('.')] as [string, string[]]] : []));
}

/**
 * A row with its nested columns also at their path: the file's record `{"record": {"low": 4}}`
 * is declared as the column record_low, and a spec written for the file reads "record.low", as
 * Vega would read it from the file itself.
 */
function nest(row: Record<string, unknown>, paths: readonly [string, string[]][]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [column, steps] of paths) {
    // A record without the object has no value there, and no object made up for it.
    if (row[column] === null || row[column] === undefined) continue;
    let node = out;
    for (const step of steps.slice(0, -1)) {
      const next = node[step];
      node = node[step] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    }
    node[steps.at(-1)!] = row[column];
  }
  return out;
}

/** A strptime format that writes a time of day (hours, minutes, seconds, an instant). */
const TIME_OF_DAY = /%[HIMSLfpQs]/;
const CLOCK_UNIT = /hours|minutes|seconds|milliseconds/;

/** Where the spec reads a field by its time of day: a time unit of hours or finer, or an expression's hours(datum.field). */
function timeOfDayRead(spec: unknown, field: string): { what: string; needle: string } | undefined {
  let found: { what: string; needle: string } | undefined;
  const esc = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const call = new RegExp(`\\b(?:utc)?(hours|minutes|seconds|milliseconds)\\(\\s*datum(?:\\.${esc}\\b|\\[["']${esc}["']\\])`);
  const walk = (node: unknown): void => {
    if (found) return;
    if (typeof node === 'string') {
      const m = call.exec(node);
      if (m) found = { what: m[1]!.replace(/s$/, ''), needle: m[0] };
      return;
    }
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    const unit = typeof o.timeUnit === 'string' ? o.timeUnit : typeof o.timeUnit === 'object' && o.timeUnit !== null ? (o.timeUnit as { unit?: unknown }).unit : undefined;
    if (o.field === field && typeof unit === 'string' && CLOCK_UNIT.test(unit)) return void (found = { what: `${unit} time unit`, needle: `"${unit}"` });
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'datasets') walk(v);
  };
  walk(spec);
  return found;
}

/** Every row bound into the spec (for the columns a pivot makes of a field's values). */
function* boundRows(spec: Record<string, unknown>): Generator<Record<string, unknown>> {
  const tables: Record<string, unknown>[][] = [];
  mapInlineData(spec, (rows) => (tables.push(rows), rows));
  for (const t of tables) yield* t;
}

/**
 * The most rows a chart binds: 50,000 unless TALLY_MAX_CHART_ROWS says otherwise. Every row is
 * inlined into the spec the browser gets and drawn (lines and areas are sampled to their width,
 * points and bars are not): more than that is a chart nobody can read, and a page nobody can load.
 */
export function maxChartRows(): number {
  const n = Number(process.env.TALLY_MAX_CHART_ROWS);
  return Number.isInteger(n) && n > 0 ? n : 50_000;
}

/** True when a mark of the spec draws shapes (a map), at any depth. */
function drawsShapes(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(drawsShapes);
  if (typeof spec !== 'object' || spec === null) return false;
  const mark = (spec as { mark?: unknown }).mark;
  if (mark === 'geoshape' || (typeof mark === 'object' && mark !== null && (mark as { type?: unknown }).type === 'geoshape')) return true;
  return Object.values(spec).some(drawsShapes);
}
