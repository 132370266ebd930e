import { describe, expect, it } from 'vitest';
import { buildSite, makeSite } from '../helpers/site.ts';

/**
 * The bytes a page of charts costs its readers: four charts of the kinds an issue holds (three
 * daily series with a legend, bars, a scatter plot, a line with a dashed rule and dots;
 * tests/fixtures/chart-bytes), each drawn in both layouts with its caption, sources and table.
 * Measured when the SVGs were compacted as a tree (path data at a tenth of a pixel, an axis's
 * lines as one path, groups merged; src/charts/compact-svg.ts): 55,057 bytes of figures, where
 * they took 102,314 before. The budget leaves about a tenth for changes to the theme and layouts.
 */
const FIGURES_BUDGET = 60_000;

describe('a page of four charts', () => {
  it('stays within its byte budget, each chart drawn in both layouts with its labels', async () => {
    const site = makeSite('chart-bytes', { on: 'basic' });
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);
    const html = built.html('/issues/four-charts/');
    const figures = [...html.matchAll(/<figure class="chart"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(4);
    for (const f of figures) {
      expect(f.match(/<svg\b[^>]*class="chart-svg chart-svg--(?:narrow|wide)"/g)).toHaveLength(2);
      expect(f).toMatch(/<path [^>]*d="M/);
    }
    // What a reader reads in the drawing is all still there: each sector's name, in both layouts.
    const bars = figures[1]!;
    for (const sector of ['Energy', 'Health care', 'Real estate']) expect(bars.match(new RegExp(`<text[^>]*>${sector}</text>`, 'g')), sector).toHaveLength(2);
    const bytes = figures.reduce((n, f) => n + Buffer.byteLength(f), 0);
    expect(bytes).toBeLessThanOrEqual(FIGURES_BUDGET);
  }, 300_000);
});
