/**
 * The interactive view of a chart, loaded on demand by watch-charts.ts: fetches the chart's file
 * (/charts/<issue>/<spec name>.json: Vega's dataflow per layout, parsed at build time by
 * interactive-spec.ts), draws it with Vega's runtime in the layout the page shows and the page's
 * chart colours (the stylesheet's --chart-* of the reader's scheme), and swaps it in over the
 * static SVG once it is ready. The static SVG stays in the page, hidden visually but not from
 * assistive technology, so the figure keeps its accessible name, description and data table;
 * the live view adds tooltips and hover for pointer readers and is hidden from screen readers.
 */
import { installTextWidths, type TextMetrics } from '../charts/text-widths.ts';
import { CHART_PALETTES, COLOUR_ROLES, type Palette, type ThemeName } from '../charts/theme.ts';
import { PAGE_CLASS } from '../core/page-markup.ts';
import { chartOfFile, dataflowOf, type InteractiveChart, type InteractiveFile } from './interactive-format.ts';
import { Handler, loadGeo, needsGeo, textMetrics, View } from './vega-runtime.ts';

const DARK = '(prefers-color-scheme: dark)';

// The build lays charts out in Node with Inter's text widths (there is no canvas to measure
// with); measuring here would give other widths, so axis titles and labels would take other
// room and the live chart would not land where the static one was. Use the same widths here.
installTextWidths(textMetrics as unknown as TextMetrics);
const live = new Map<HTMLElement, { view: View; name: string }>();
const charts = new Map<string, Promise<InteractiveChart>>();

const pageTheme = (): ThemeName => (matchMedia(DARK).matches ? 'dark' : 'light');

/** The layout the page's stylesheet shows for this figure (a container query): the live view draws the same. */
function shownLayout(frame: HTMLElement): 'wide' | 'narrow' {
  const narrow = frame.querySelector(`:scope > .${PAGE_CLASS.chartSvgNarrow}`);
  return narrow && getComputedStyle(narrow).display !== 'none' ? 'narrow' : 'wide';
}

/** The view of the file to draw: the layout shown (a chart drawn in one layout only has "wide"). */
function viewFor(chart: InteractiveChart, frame: HTMLElement): string {
  const layout = shownLayout(frame);
  return layout in chart.views ? layout : 'wide';
}

/** The chart colours the page's stylesheet gives now (--chart-<role>, per scheme), as the static SVG shows them. */
function pagePalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const fallback = CHART_PALETTES[pageTheme()];
  return Object.fromEntries(COLOUR_ROLES.map((role) => [role, style.getPropertyValue(`--chart-${role}`).trim() || fallback[role]])) as Palette;
}

function chartOf(url: string): Promise<InteractiveChart> {
  let pending = charts.get(url);
  if (!pending) {
    pending = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return (r.json() as Promise<InteractiveFile>).then(chartOfFile);
    });
    charts.set(url, pending);
  }
  return pending;
}

/** Draws the figure's interactive view (again, when the theme or the layout changed); leaves the static chart on any failure. */
export async function mountChart(figure: HTMLElement): Promise<void> {
  const url = figure.dataset.chartSpec;
  const frame = figure.querySelector<HTMLElement>('.chart-frame');
  if (!url || !frame) return;
  try {
    const chart = await chartOf(url);
    const view = viewFor(chart, frame);
    const name = `${view} ${pageTheme()}`;
    if (live.get(figure)?.name === name) return;
    let host = frame.querySelector<HTMLElement>(':scope > .chart-live');
    if (!host) {
      host = document.createElement('div');
      host.className = 'chart-live';
      host.setAttribute('aria-hidden', 'true');
      frame.append(host);
    }
    const target = document.createElement('div');
    if (needsGeo(JSON.stringify(chart.views[view]))) await loadGeo();
    const drawn = new View(dataflowOf(chart, view, pagePalette()), { renderer: 'svg', container: target, hover: true });
    drawn.tooltip(new Handler({ theme: pageTheme() }).call);
    await drawn.runAsync();
    live.get(figure)?.view.finalize();
    live.set(figure, { view: drawn, name });
    host.replaceChildren(target);
    figure.classList.add('chart--live');
  } catch (e) {
    console.warn(`[tally] interactive chart ${url} unavailable; the static chart stays.`, e);
  }
}

// A reader who switches the system theme, or turns a phone so that the other layout shows, gets
// the live charts redrawn to match; the static SVGs switch by CSS alone.
const redraw = () => {
  for (const figure of live.keys()) void mountChart(figure);
};
matchMedia(DARK).addEventListener('change', redraw);
let resizing: ReturnType<typeof setTimeout> | undefined;
addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(redraw, 200);
});
