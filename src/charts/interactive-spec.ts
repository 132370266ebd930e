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
import { quietLogger } from './quiet-logger.ts';
import { drawingTheme } from './theme.ts';
import { interactiveRowsFileJson, TABLE_REF, type AppendedStrings, type InteractiveChart } from './interactive-file.ts';
import { cachedTableJson, compileMemo, fillJson, jsonTemplate, setRowsAside, tablePlaces, type JsonTemplate } from './compile-memo.ts';
import { CALENDAR_DATE, isRows, LOCAL_MIDNIGHT, localRow, temporalFields } from './local-dates.ts';

export { temporalFields } from './local-dates.ts';

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
  const temporal = [...temporalFields(spec)];
  if (temporal.length === 0) return spec;
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): unknown => {
    if (Array.isArray(node)) {
      // Inline rows: data.values, or a named entry of top-level datasets.
      if (isRows(key, parent)) return node.map((row) => localRow(row, temporal));
      return node.map((n) => walk(n, undefined, key));
    }
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, k, key);
    return out;
  };
  return walk(spec, undefined, undefined) as Record<string, unknown>;
}

/** Where `localDatesInPlace` appended to every row of a table's column: by table, then field. */
type Appended = Map<unknown[], Map<string, AppendedStrings>>;

/**
 * `interactiveSpec` for a spec the caller has just parsed and owns: its rows changed in place,
 * not copied, and, for a column whose every row got its date changed, the dates before and
 * after, so the file is written from the short ones (interactive-file.ts): read, the 20,000
 * longer strings of a daily series would each be flattened and cut back.
 */
function localDatesInPlace(spec: Record<string, unknown>): Appended {
  const appended: Appended = new Map();
  const temporal = [...temporalFields(spec)];
  if (temporal.length === 0) return appended;
  const fixTable = (rows: unknown[]): void => {
    if (appended.has(rows)) return;
    const n = rows.length;
    const made = temporal.map(() => ({ before: new Array<string>(n), after: new Array<string>(n), every: n > 0 }));
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        for (const m of made) m.every = false;
        continue;
      }
      const r = row as Record<string, unknown>;
      for (let j = 0; j < temporal.length; j++) {
        const f = temporal[j]!;
        const m = made[j]!;
        const v = r[f];
        if (typeof v === 'string' && CALENDAR_DATE.test(v)) {
          const local = `${v}${LOCAL_MIDNIGHT}`;
          r[f] = local;
          m.before[i] = v;
          m.after[i] = local;
        } else m.every = false;
      }
    }
    const columns = new Map<string, AppendedStrings>();
    temporal.forEach((f, j) => made[j]!.every && columns.set(f, { before: made[j]!.before, after: made[j]!.after, end: LOCAL_MIDNIGHT }));
    appended.set(rows, columns);
  };
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): void => {
    if (Array.isArray(node)) {
      if (isRows(key, parent)) fixTable(node);
      else for (const n of node) walk(n, undefined, key);
    } else if (typeof node === 'object' && node !== null) {
      for (const k of Object.keys(node)) walk((node as Record<string, unknown>)[k], k, key);
    }
  };
  walk(spec, undefined, undefined);
  return appended;
}

/**
 * Compiles the chart's Vega-Lite spec (title taken out, every row inlined) for the browser: the
 * drawing's theme plus tooltips, time-zone-proof dates, in each layout the static chart was drawn
 * in, parsed to Vega's dataflow. Vega-Lite problems were reported when the static chart was
 * drawn; here they are not repeated.
 */
export function interactiveChart(spec: Record<string, unknown>): InteractiveChart {
  const { tables, jsonOf, views } = compileViews(interactiveSpec(spec));
  return { data: tables.map((rows) => JSON.parse(jsonOf(rows)) as unknown[]), views: JSON.parse(views) as Record<string, unknown> };
}

/**
 * The views as JSON (`{"wide":…,"narrow":…}`) and the tables they reference. The rows are set
 * aside after the layout is made (a composite's layout reads them) and before the compile
 * (compile-memo.ts): Vega-Lite copies the spec it normalizes and Vega's parse carries every row
 * through, neither looks at them, and with 20,000 rows that copying was most of the compile's
 * time. A spec compiled before with other rows is not compiled again. Each view's dataflow is
 * written to JSON once and each table's stand-in replaced by `{"$tallyData": n}`, n the table's
 * place in the file (equal tables once, in the order the views reference them). A table is
 * written to JSON (`jsonOf`, once per array) only to be compared with another (the layouts of
 * one chart share its arrays) or to go to the file as its rows.
 */
function compileViews(prepared: Record<string, unknown>): { tables: unknown[][]; jsonOf: (rows: unknown[]) => string; views: string } {
  const layouts: readonly LayoutName[] = fitsWidth(prepared) ? LAYOUT_NAMES : ['wide'];
  const jsonCache = new Map<unknown[], string>();
  const jsonOf = cachedTableJson(jsonCache);
  const { tables, placeOf } = tablePlaces(jsonOf);
  const views: string[] = [];
  for (const layout of layouts) {
    const laid = layoutSpec(prepared, layout);
    const aside = setRowsAside(laid, jsonCache);
    const key = `${layout}\0${aside.json}`;
    let template = compiles.get(key);
    if (!template) {
      template = jsonTemplate(dataflowJson(aside.rowless, layout));
      // A stand-in where Vega would not ingest it (not expected): the view keeps its rows inline.
      if (!template) {
        views.push(`"${layout}":${dataflowJson(laid, layout)}`);
        continue;
      }
      compiles.set(key, template);
    }
    const view = fillJson(template, (i) => `{"${TABLE_REF}":${placeOf(aside.tables[i]!)}}`);
    views.push(`"${layout}":${view}`);
  }
  return { tables, jsonOf, views: `{${views.join(',')}}` };
}

const compiles = compileMemo<JsonTemplate>();

/** The interactive view's compile of a spec in a layout: Vega's parsed dataflow, as JSON. */
function dataflowJson(spec: Record<string, unknown>, layout: LayoutName): string {
  return JSON.stringify(vega.parse(compile(spec as unknown as TopLevelSpec, { config: withLayout(interactiveConfig(), layout), logger: quietLogger as never }).spec));
}

/**
 * The same compile of a layout's spec without its rows, given as JSON: what a chart worker does
 * for the build's main thread, which makes the rest of the file from the rows it holds
 * (interactive-from-rows.ts).
 */
export function rowlessDataflowJson(layout: LayoutName, rowlessJson: string): string {
  return dataflowJson(JSON.parse(rowlessJson) as Record<string, unknown>, layout);
}

/**
 * The interactive chart's file, as the chart route serves it, from the spec's JSON as the chart
 * cache keys it (kept as `.spec.json` when no worker compiled it): the same bytes whichever
 * thread makes it. The spec is parsed
 * here, so its rows are plain JSON values and its own: dates are made local in place, and the
 * tables go to the file as rows, not through JSON and back, their local dates written from the
 * dates as parsed.
 */
export function interactiveChartJson(specJson: string): string {
  const spec = JSON.parse(specJson) as Record<string, unknown>;
  const appended = localDatesInPlace(spec);
  const { tables, jsonOf, views } = compileViews(spec);
  // Written by column where that is shorter (interactive-file.ts).
  return interactiveRowsFileJson(tables, views, jsonOf, (rows, name) => appended.get(rows)?.get(name));
}
