import type { CalendarDate } from '../data/calendar-date.ts';
import { cutAsOf } from '../data/cut-as-of.ts';
import { dataFilePath, manifestPathOf } from '../data/data-roots.ts';
import { formatOf } from '../data/file-format.ts';
import { loadDataFile } from '../data/load-table.ts';
import { fail } from '../core/errors.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import { encodedFields } from './data-table.ts';
import { geoData } from './geo-data.ts';
import { downsampleSpec } from './downsample.ts';
import { fillMissingKeys, mapInlineData } from './inline-data.ts';
import { inlineImages } from './inline-images.ts';
import { lineOf, type SpecFile } from './read-spec.ts';
import { datesForYears } from './temporal-years.ts';
import { transformInputs, transformOutputs } from './transform-columns.ts';

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
 */
export function bindSpecData(file: SpecFile, asOf: CalendarDate, datasets: ReadonlyMap<string, ComputedDataset>): BoundSpec {
  const sources = new Map<string, SourceRef>();
  let primary: BoundSpec['primary'];
  const inline = new Set(Object.keys((file.spec.datasets as Record<string, unknown> | undefined) ?? {}));
  // Columns of the data Tally binds, to check the fields the encodings read; unknown when the spec has data of its own.
  const columns = new Map<string, string[]>();
  let ownData = false;

  const bind = (data: Record<string, unknown>): Record<string, unknown> => {
    let rows: Record<string, unknown>[];
    let name: string;
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
      columns.set(name, Object.keys(loaded.table.columns));
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
    return { ...rest, ...keep, values: rows };
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
  const full = inlineImages(datesForYears(mapInlineData(bound, fillMissingKeys), file), file);
  return { spec: downsampleSpec(full), full, primary, sources: [...sources.values()] };
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
  for (const field of encodedFields(file.spec)) {
    // "a.b" reads b inside a; "a\.b" is a column named "a.b".
    const head = field.includes('\\.') ? field.replace(/\\\./g, '.') : field.split('.')[0]!;
    if (known.has(head) || created.has(field) || created.has(head)) continue;
    const [name, cols] = [...columns][0]!;
    fail('UnknownColumn', { file: file.file, line: lineOf(file.text, `"${field}"`) }, field, name, cols);
  }
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
