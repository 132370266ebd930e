/**
 * The interactive view of a chart, made at build time (in the chart workers beside the chart's
 * SVGs, kept in the chart cache, served by the chart spec route, src/pages/charts/):
 * the Vega-Lite spec with every row is compiled to Vega and parsed to Vega's dataflow, once per
 * layout the static chart was drawn in, so the browser loads Vega's runtime and tooltips only
 * (src/client/vega-runtime.ts), not the Vega-Lite compiler or Vega's parser. Colours are the
 * static drawing's stand-ins (theme.ts SENTINELS), which the browser replaces by the page's
 * --chart-* colours: one compile serves both schemes. Runs in Node; the browser never imports
 * this module.
 */
import { randomUUID } from 'node:crypto';
import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { fitsWidth, LAYOUT_NAMES, layoutSpec, withLayout, type LayoutName } from './chart-layout.ts';
import { quietLogger } from './quiet-logger.ts';
import { drawingTheme } from './theme.ts';
import { INGEST, TABLE_REF, type InteractiveChart } from './interactive-file.ts';

/** A calendar date as Tally writes it in data: "2026-01-02". */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Pointer targets: hidden points on lines and areas that show on hover, and tooltips on every mark a reader can point at. */
const hoverPoint = { filled: true, size: 70, opacity: 0, tooltip: true };
const withTooltip = { tooltip: true };

/**
 * The Vega-Lite config of the interactive view: the theme the static SVG was drawn with (so the
 * live chart draws exactly what it showed, its colours the same stand-ins), plus tooltips. A line
 * is one path, whose tooltip would show its first point wherever the pointer is, so lines and
 * areas get invisible points to hover instead.
 */
export function interactiveConfig(base: Config = drawingTheme): Config {
  return {
    ...base,
    line: { ...base.line, point: hoverPoint },
    area: { ...base.area, point: hoverPoint },
    bar: { ...base.bar, ...withTooltip },
    rect: { ...base.rect, ...withTooltip },
    point: { ...base.point, ...withTooltip },
    circle: { ...base.circle, ...withTooltip },
    square: { ...base.square, ...withTooltip },
    tick: { ...base.tick, ...withTooltip },
    arc: { ...base.arc, ...withTooltip },
    geoshape: { ...base.geoshape, ...withTooltip },
  } as Config;
}

/**
 * The chart's spec made ready for the browser. The build renders in UTC, and Vega reads
 * "2026-01-02" as midnight UTC but formats in the reader's time zone, which would label it
 * Jan 1 west of Greenwich: the calendar dates of every field plotted as temporal become local
 * midnight ("2026-01-02T00:00"), which prints as the same day everywhere. Other fields keep
 * their text. Returns a copy; the input is not changed.
 */
export function interactiveSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const temporal = temporalFields(spec);
  if (temporal.size === 0) return spec;
  const fixRow = (row: unknown): unknown => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
    const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (const f of temporal) {
      const v = out[f];
      if (typeof v === 'string' && CALENDAR_DATE.test(v)) out[f] = `${v}T00:00`;
    }
    return out;
  };
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): unknown => {
    if (Array.isArray(node)) {
      // Inline rows: data.values, or a named entry of top-level datasets.
      if ((key === 'values' && parent === 'data') || parent === 'datasets') return node.map(fixRow);
      return node.map((n) => walk(n, undefined, key));
    }
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, k, key);
    return out;
  };
  return walk(spec, undefined, undefined) as Record<string, unknown>;
}

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

/**
 * Compiles the chart's Vega-Lite spec (title taken out, every row inlined) for the browser: the
 * drawing's theme plus tooltips, time-zone-proof dates, in each layout the static chart was drawn
 * in, parsed to Vega's dataflow. Vega-Lite problems were reported when the static chart was
 * drawn; here they are not repeated.
 */
export function interactiveChart(spec: Record<string, unknown>): InteractiveChart {
  const { data, views } = compileViews(spec);
  return { data: data.map((json) => JSON.parse(json) as unknown[]), views };
}

/**
 * The views and, as JSON, the tables they reference. The rows are set aside after the layout is
 * made (a composite's layout reads them) and before the compile, and put back by reference
 * after it: Vega-Lite copies the spec it normalizes and Vega's parse carries every row through,
 * neither looks at them, and with 20,000 rows that copying was most of the compile's time.
 */
function compileViews(spec: Record<string, unknown>): { data: string[]; views: Record<string, unknown> } {
  const prepared = interactiveSpec(spec);
  const aside = rowsAside();
  const layouts: readonly LayoutName[] = fitsWidth(prepared) ? LAYOUT_NAMES : ['wide'];
  const data: string[] = [];
  const used = new Map<number, number>();
  const views: Record<string, unknown> = {};
  for (const layout of layouts) {
    const rowless = aside.strip(layoutSpec(prepared, layout));
    const vg = compile(rowless as unknown as TopLevelSpec, { config: withLayout(interactiveConfig(), layout), logger: quietLogger as never }).spec;
    views[layout] = referenceTables(vega.parse(vg), aside.marker, (i) => {
      let at = used.get(i);
      if (at === undefined) used.set(i, (at = data.push(aside.tables[i]!) - 1));
      return at;
    });
  }
  return { data, views };
}


/** The key of the one-row stand-in for a table's rows: `{ "$tallyRows": "<marker>:<table>" }`. */
const ROWS_KEY = '$tallyRows';

/**
 * Takes out each inline table of a spec (`data.values` anywhere, each entry of top-level
 * `datasets`) and puts a one-row stand-in naming it in its place; keeps the tables as JSON, equal
 * tables once (the same rows in both layouts are found by identity, not written again). The
 * marker is new for each chart, so no row of the data can pass for a stand-in.
 */
function rowsAside(): { marker: string; tables: string[]; strip: (spec: Record<string, unknown>) => Record<string, unknown> } {
  const marker = randomUUID();
  const tables: string[] = [];
  const byJson = new Map<string, number>();
  const byRows = new Map<unknown[], number>();
  const standIn = (rows: unknown[]): unknown[] => {
    let i = byRows.get(rows);
    if (i === undefined) {
      const json = JSON.stringify(rows);
      i = byJson.get(json);
      if (i === undefined) byJson.set(json, (i = tables.push(json) - 1));
      byRows.set(rows, i);
    }
    return [{ [ROWS_KEY]: `${marker}:${i}` }];
  };
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): unknown => {
    if (Array.isArray(node)) {
      if ((key === 'values' && parent === 'data') || parent === 'datasets') return standIn(node);
      return node.map((n) => walk(n, undefined, key));
    }
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, k, key);
    return out;
  };
  return { marker, tables, strip: (spec) => walk(spec, undefined, undefined) as Record<string, unknown> };
}

/**
 * The dataflow as JSON, each inline table (the stand-in of setRowsAside) replaced by
 * `{"$tallyData": n}`, n the table's place in the file. Inline rows that are not a stand-in
 * (none are expected) stay where they are.
 */
function referenceTables(dataflow: unknown, marker: string, place: (table: number) => number): unknown {
  const tableOf = (v: unknown): number | undefined => {
    if (!Array.isArray(v) || v.length !== 1) return undefined;
    const ref = (v[0] as Record<string, unknown> | null)?.[ROWS_KEY];
    if (typeof ref !== 'string' || !ref.startsWith(`${marker}:`)) return undefined;
    return Number(ref.slice(marker.length + 1));
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const table = k === INGEST ? tableOf(v) : undefined;
      out[k] = table === undefined ? walk(v) : { [TABLE_REF]: place(table) };
    }
    return out;
  };
  return walk(JSON.parse(JSON.stringify(dataflow)));
}

/**
 * The interactive chart's file, as the chart route serves it, from the spec's JSON as the chart
 * cache stores it (`.spec.json`): the same bytes whichever thread makes it.
 */
export function interactiveChartJson(specJson: string): string {
  const { data, views } = compileViews(JSON.parse(specJson) as Record<string, unknown>);
  // The tables' JSON as made once: the same bytes JSON.stringify({ data, views }) writes.
  return `{"data":[${data.join(',')}],"views":${JSON.stringify(views)}}`;
}
