import type { Config } from 'vega-lite';
import { fail } from '../core/errors.ts';
import { CompositeTooWide, fitComposite, isComposite } from './fit-composite.ts';
import { drawnWidth } from './measure-width.ts';
import { withTemporalAxes } from './temporal-axes.ts';
import { drawingTheme } from './theme.ts';

/**
 * The layouts every chart is drawn in at build time; the page shows one by CSS (a container
 * query on the chart's figure, global.css), so text is never shrunk below the size it was drawn
 * at where the column is at least that wide. `wide` is the column of the issue page
 * (38rem: 608 px at the default font size), `narrow` a phone's (a 360 px screen less 1.25rem
 * of padding each side).
 */
export const LAYOUTS = {
  wide: { width: 608 },
  narrow: { width: 320 },
} as const;

export type LayoutName = keyof typeof LAYOUTS;
export const LAYOUT_NAMES = ['wide', 'narrow'] as const satisfies readonly LayoutName[];

/** The longest axis label a narrow chart keeps whole: more would leave the plot no room. */
const NARROW_LABEL_LIMIT = 140;

/**
 * What a layout changes in the theme: fewer ticks and shorter label limits (axes, panel headers)
 * on a phone, the legend in two columns (under the plot, from the chart's left edge: theme.ts).
 */
export function layoutConfig(layout: LayoutName): Config {
  if (layout === 'wide') return {};
  return {
    axis: { labelLimit: NARROW_LABEL_LIMIT },
    axisX: { tickCount: { expr: 'ceil(width / 70)' } },
    axisY: { tickCount: { expr: 'ceil(height / 45)' } },
    legend: { columns: 2, labelLimit: 120, symbolLimit: 12 },
    // A facet's panel header, over a cell one column wide at most.
    header: { labelLimit: 220 },
  } as Config;
}

/** Whether Vega-Lite fits the spec to a width itself: a single view or layers, not facets or concatenations. */
export function isSingleView(spec: Record<string, unknown>): boolean {
  if (['facet', 'repeat', 'concat', 'hconcat', 'vconcat'].some((k) => k in spec)) return false;
  const enc = spec.encoding as Record<string, unknown> | undefined;
  return !(enc && ('row' in enc || 'column' in enc || 'facet' in enc));
}

/**
 * Whether the chart is drawn to each layout's width: a single or layered view (Vega-Lite fits
 * it), a facet, repeat or concatenation (its cells wrapped and sized here: fit-composite.ts).
 * Anything else (a spec of another shape) keeps its own size.
 */
export function fitsWidth(spec: Record<string, unknown>): boolean {
  return isSingleView(spec) || isComposite(spec);
}

/**
 * The spec as drawn in a layout: temporal axes that name their years (temporal-axes.ts); a
 * single or layered view fitted to the layout's width (axes, legend and padding included), a
 * composite's cells wrapped and sized so the whole is no wider (fit-composite.ts; one that
 * cannot be is drawn in the narrow layout as in the wide one, to scroll sideways on a phone, and
 * fails, naming `file`, only when the wide layout cannot hold it either); in the narrow layout, label limits the spec set for a wider
 * chart capped. `planTicks: false` leaves the ticks of date-only data to Vega, as it does for
 * data whose dates are not date-only (the interactive view's, made local times). Returns a copy.
 */
export function layoutSpec(spec: Record<string, unknown>, layout: LayoutName, file = 'the chart spec', { planTicks = true }: { planTicks?: boolean } = {}): Record<string, unknown> {
  const { width } = LAYOUTS[layout];
  const single = isSingleView(spec);
  // The width the x axis spans, near enough to choose its ticks: the layout less the y axis's
  // labels; a composite's cell, at two or three across.
  const dated = withTemporalAxes(spec, planTicks ? (single ? width - 50 : width / 2.5) : undefined);
  if (!single) {
    const config = withLayout(drawingTheme, layout);
    const fit = (w: number) => fitComposite(dated, w, (s) => drawnWidth(s, config));
    try {
      return fit(width);
    } catch (e) {
      if (!(e instanceof CompositeTooWide)) throw e;
      // A grid a phone cannot hold at a legible size is drawn at the column's width instead, and
      // the page lets it scroll sideways (Chart.astro): text stays at its size, the build goes on.
      if (layout === 'narrow') return layoutSpec(spec, 'wide', file);
      return fail('ChartTooWide', { file }, layout, width, e.columns, e.cellWidth);
    }
  }
  const out: Record<string, unknown> = { ...dated, width, autosize: { type: 'fit-x', contains: 'padding' } };
  if (layout === 'narrow') {
    if (out.encoding) out.encoding = capLabelLimits(out.encoding);
    if (Array.isArray(out.layer)) out.layer = out.layer.map((l: unknown) => (isObject(l) && l.encoding ? { ...l, encoding: capLabelLimits(l.encoding) } : l));
  }
  return out;
}

function capLabelLimits(encoding: unknown): unknown {
  if (!isObject(encoding)) return encoding;
  const out: Record<string, unknown> = {};
  for (const [channel, def] of Object.entries(encoding)) {
    const axis = isObject(def) ? def.axis : undefined;
    out[channel] =
      isObject(axis) && typeof axis.labelLimit === 'number' && axis.labelLimit > NARROW_LABEL_LIMIT ? { ...(def as object), axis: { ...axis, labelLimit: NARROW_LABEL_LIMIT } } : def;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A theme with a layout's changes merged in, one level deep (axis, legend...). */
export function withLayout(config: Config, layout: LayoutName): Config {
  const out: Record<string, unknown> = { ...config };
  for (const [k, v] of Object.entries(layoutConfig(layout))) out[k] = isObject(v) && isObject(out[k]) ? { ...out[k], ...v } : v;
  return out as Config;
}
