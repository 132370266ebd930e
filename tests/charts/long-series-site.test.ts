import { describe, expect, it } from 'vitest';
import { readInteractiveFile, type InteractiveFile } from '../../src/charts/interactive-file.ts';
import { parsePath } from '../../src/charts/path-data.ts';
import { buildSite, makeSite } from '../helpers/site.ts';

/**
 * A chart of two daily series over eight and a half years (6,330 rows at asOf, 3,165 a series;
 * tests/fixtures/long-series) in a real build: drawn at the resolution it is seen, while the
 * data table, its CSV and the interactive layer keep every row.
 */
describe('a long series in a built site', () => {
  it('is drawn sampled to its width, and its table, CSV and interactive file keep every row', async () => {
    const site = makeSite('long-series', { on: 'basic' });
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);
    const html = built.html('/issues/long-run/');

    // The wide drawing: one path per series, at most 4 points per pixel column of its 608 px.
    const wide = html.slice(html.indexOf('chart-svg--wide'));
    const paths = [...wide.slice(0, wide.indexOf('</svg>')).matchAll(/<path [^>]*d="(M[^"]+)"/g)].map((m) => parsePath(m[1]!) ?? []).filter((d) => d.length > 100);
    expect(paths).toHaveLength(2);
    for (const d of paths) {
      const points = d.length;
      expect(points).toBeLessThanOrEqual(4 * 608);
      expect(points).toBeLessThan(3_165);
      expect(points).toBeGreaterThan(1_000);
    }

    // The table: the first and last 25 rows, the rest as a CSV download.
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    expect(table.match(/<tr/g)).toHaveLength(1 + 50 + 1);
    expect(table).toContain('… 6280 more rows …');
    expect(table).toContain('<td>2017-01-01</td>');
    expect(table).toContain('<td>2025-08-31</td>');
    expect(html).toMatch(/50 of 6330 rows shown, the first and the last: <a href="\/charts\/long-run\/levels\.csv" download[^>]*>all 6330 rows as CSV<\/a>/);

    const csv = site.read('dist/charts/long-run/levels.csv').trimEnd().split('\r\n');
    expect(csv).toHaveLength(1 + 6_330);
    expect(csv[0]).toBe('date,symbol,level');
    expect(csv[1]).toMatch(/^2017-01-01,A,\d/);
    expect(csv.at(-1)).toMatch(/^2025-08-31,B,\d/);

    // The interactive layer draws every row (its dates as local midnight).
    const file = readInteractiveFile(JSON.parse(site.read('dist/charts/long-run/levels.json')) as InteractiveFile) as { data: { date: string }[][]; views: Record<string, unknown> };
    expect(file.data.map((t) => t.length)).toEqual([6_330]);
    expect(file.data[0]![0]!.date).toBe('2017-01-01T00:00');
    expect(Object.keys(file.views).sort()).toEqual(['narrow', 'wide']);
  }, 300_000);
});
