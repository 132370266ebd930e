/**
 * The interactive view of a chart, loaded on demand by watch-charts.ts: fetches the chart's spec
 * (/charts/<id>.json), draws it with vega-embed in the page's theme, and swaps it in over the
 * static SVG once it is ready. The static SVG stays in the page, hidden visually but not from
 * assistive technology, so the figure keeps its accessible name, description and data table;
 * the live view adds tooltips and hover for pointer readers and is hidden from screen readers.
 */
import * as vega from 'vega';
import embed, { type Result } from 'vega-embed';
import type { ThemeName } from '../charts/theme.ts';
import { interactiveConfig, interactiveSpec } from './interactive-spec.ts';

const DARK = '(prefers-color-scheme: dark)';

// The build lays charts out in Node, where Vega estimates text widths (there is no canvas to
// measure with); measuring here would give other widths, so axis titles and labels would take
// other room and the live chart would not land where the static one was. Estimate here too.
(vega as unknown as { textMetrics: { canvas(use: boolean): void } }).textMetrics.canvas(false);
const live = new Map<HTMLElement, { result: Result; theme: ThemeName }>();
const specs = new Map<string, Promise<Record<string, unknown>>>();

const pageTheme = (): ThemeName => (matchMedia(DARK).matches ? 'dark' : 'light');

async function specOf(url: string): Promise<Record<string, unknown>> {
  let pending = specs.get(url);
  if (!pending) {
    pending = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<Record<string, unknown>>;
    });
    specs.set(url, pending);
  }
  return interactiveSpec(await pending);
}

/** Draws the figure's interactive view (again, when the theme changed); leaves the static chart on any failure. */
export async function mountChart(figure: HTMLElement): Promise<void> {
  const url = figure.dataset.chartSpec;
  const frame = figure.querySelector<HTMLElement>('.chart-frame');
  if (!url || !frame) return;
  const theme = pageTheme();
  if (live.get(figure)?.theme === theme) return;
  try {
    const spec = await specOf(url);
    let host = frame.querySelector<HTMLElement>(':scope > .chart-live');
    if (!host) {
      host = document.createElement('div');
      host.className = 'chart-live';
      host.setAttribute('aria-hidden', 'true');
      frame.append(host);
    }
    const target = document.createElement('div');
    const result = await embed(target, spec as never, {
      renderer: 'svg',
      actions: false,
      defaultStyle: false,
      config: interactiveConfig(theme),
      tooltip: { theme: theme === 'dark' ? 'dark' : 'light' },
    });
    live.get(figure)?.result.finalize();
    live.set(figure, { result, theme });
    host.replaceChildren(target);
    figure.classList.add('chart--live');
  } catch (e) {
    console.warn(`[tally] interactive chart ${url} unavailable; the static chart stays.`, e);
  }
}

// A reader who switches the system theme gets the live charts redrawn in it; the static SVGs
// switch by CSS alone.
matchMedia(DARK).addEventListener('change', () => {
  for (const figure of live.keys()) void mountChart(figure);
});
