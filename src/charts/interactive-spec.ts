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
import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { fitsWidth, LAYOUT_NAMES, layoutSpec, withLayout, type LayoutName } from './chart-layout.ts';
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
  const tables: unknown[][] = [];
  const seen = new Map<string, number>();
  const prepared = interactiveSpec(spec);
  const layouts: readonly LayoutName[] = fitsWidth(prepared) ? LAYOUT_NAMES : ['wide'];
  const views: Record<string, unknown> = {};
  for (const layout of layouts) {
    const vg = compile(layoutSpec(prepared, layout) as unknown as TopLevelSpec, { config: withLayout(interactiveConfig(), layout), logger: quiet as never }).spec;
    views[layout] = shareTables(vega.parse(vg), tables, seen);
  }
  return { data: tables, views };
}

const quiet = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet };

/** The dataflow as JSON, each inline table moved to `tables` (a table met before is referenced again). */
function shareTables(dataflow: unknown, tables: unknown[][], seen: Map<string, number>): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === INGEST && Array.isArray(v)) {
        const json = JSON.stringify(v);
        let i = seen.get(json);
        if (i === undefined) seen.set(json, (i = tables.push(v) - 1));
        out[k] = { [TABLE_REF]: i };
      } else out[k] = walk(v);
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
  return JSON.stringify(interactiveChart(JSON.parse(specJson) as Record<string, unknown>));
}
