import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, figureText, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

describe('a fixture site builds with bound figures and SVG charts', () => {
  let site: Site;
  let result: BuildResult;
  beforeAll(async () => {
    site = makeSite('basic');
    result = await buildSite(site);
  });

  it('builds', () => {
    expect(result.output).toContain('Complete!');
    expect(result.ok).toBe(true);
  });

  it('renders each figure from the data, cut at asOf', () => {
    const html = result.html('/issues/alpha/');
    // 2026-01-09 (999) is after asOf and must not count.
    expect(figureText(html, 'lastPrice')).toEqual(['$121.00']);
    expect(figureText(html, 'change')).toEqual(['+21.0%', '+21.00%']);
    expect(figureText(html, 'run')).toEqual(['2']);
    expect(figureText(html, 'aboveThreshold')).toEqual(['40%']);
    expect(figureText(html, 'peakPrice')).toEqual(['121']);
    expect(figureText(html, 'peakDate')).toEqual(['Jan 8, 2026']);
    expect(html).not.toContain('After as-of');
    expect(html).not.toContain('$999');
  });

  it('puts the description and source on each figure', () => {
    const html = result.html('/issues/alpha/');
    expect(html).toMatch(/data-figure="lastPrice"[^>]*aria-description="Last widget price\. Source: Widget prices \(data\/prices\.csv: price; illustrative\)\. As of Jan 8, 2026\."/);
  });

  it('renders the chart as inline SVG in a figure with caption, description and data table', () => {
    const html = result.html('/issues/alpha/');
    const chart = /<figure class="chart"[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(chart).toContain('<figcaption');
    expect(chart).toContain('Widget price');
    expect(chart).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-\w+-title chart-\w+-desc"/);
    expect(chart).toContain('<desc id="chart-');
    expect(chart).toMatch(/<path[^>]*d="M/);
    expect(chart).toMatch(/<table[\s>]/);
    expect(chart.replace(/ data-astro-cid-\w+/g, '')).toContain('<td>2026-01-08</td><td>121</td>');
    expect(chart).not.toContain('2026-01-09');
    // The one script is the lazy loader of the optional interactive layer; the page reads without it.
    expect(html.match(/<script\b[^>]*>/g) ?? []).toEqual([expect.stringMatching(/^<script type="module" src="\/_astro\/InteractiveCharts[^"]*\.js">$/)]);
  });

  it('leaves drafts out of the production build', () => {
    expect(() => result.html('/issues/draft-one/')).toThrow();
    expect(result.html('/')).toContain('Alpha issue');
    expect(result.html('/')).not.toContain('Draft issue');
  });
});
