import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

/** The page's "Sources and method" section, Astro's scoping attributes removed. */
function sectionOf(html: string): string {
  const m = /<section class="sources-method"[\s\S]*?<\/section>/.exec(html);
  return (m?.[0] ?? '').replace(/ data-astro-cid-\w+/g, '');
}

/** The entry of one data file in the section. */
function fileEntry(section: string, file: string): string {
  return new RegExp(`<li[^>]*data-source-file="${file.replace('.', '\\.')}"[\\s\\S]*?</li>`).exec(section)?.[0] ?? '';
}

const digestOf = (site: Site, file: string) => createHash('sha256').update(fs.readFileSync(path.join(site.root, 'data', file))).digest('hex').slice(0, 16);

describe('every issue ends with a generated "Sources and method" section', () => {
  let site: Site;
  let result: BuildResult;
  let html: string;
  let section: string;
  beforeAll(async () => {
    site = makeSite('basic');
    result = await buildSite(site);
    expect(result.ok, result.output).toBe(true);
    html = result.html('/issues/alpha/');
    section = sectionOf(html);
  });

  it('comes after the issue\'s content, with a heading that names it', () => {
    expect(section).toContain('<h2 id="sources-and-method-title">Sources and method</h2>');
    expect(html.indexOf('<section class="sources-method"')).toBeGreaterThan(html.indexOf('<div class="prose">'));
    expect(html.indexOf('<section class="sources-method"')).toBeGreaterThan(html.lastIndexOf('<figure class="chart"'));
  });

  it('lists each data file the figures and charts read, with source link, licence, retrieved date and digest', () => {
    expect([...section.matchAll(/data-source-file="([^"]+)"/g)].map((m) => m[1])).toEqual(['prices.csv', 'settings.json']);
    const prices = fileEntry(section, 'prices.csv');
    expect(prices).toContain('<strong>Widget prices</strong>');
    expect(prices).toContain('<a href="https://example.com/widgets" rel="external">Test fixture</a>');
    expect(prices).toContain('<dt>Licence</dt><dd>CC0-1.0</dd>');
    expect(prices).toContain('<time datetime="2026-02-01">February 1, 2026</time>');
    expect(prices).toContain(`sha256:${digestOf(site, 'prices.csv')}`);
    expect(prices).toContain('6 figures and the chart “Widget price”');
    expect(fileEntry(section, 'settings.json')).toContain(`sha256:${digestOf(site, 'settings.json')}`);
  });

  it('marks the illustrative file, and only it', () => {
    expect(fileEntry(section, 'prices.csv')).toMatch(/<li[^>]*data-illustrative[\s\S]*Illustrative: constructed, not observed/);
    expect(fileEntry(section, 'settings.json')).not.toMatch(/data-illustrative|Illustrative/);
  });

  it('lists each figure in reading order with its rendered value, description and as-of date', () => {
    const names = [...section.matchAll(/data-provenance-figure="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['lastPrice', 'change', 'run', 'aboveThreshold', 'peakPrice', 'peakDate']);
    const last = /<li data-provenance-figure="lastPrice">[\s\S]*?<\/li>/.exec(section)?.[0] ?? '';
    expect(last).toContain('<span class="sm-value">$121.00</span>');
    expect(last).toContain('Last widget price.');
    expect(last).toContain('As of <time datetime="2026-01-08">January 8, 2026</time>');
    expect(last).toContain('<a href="#sources-file-1">Widget prices</a>');
    expect(section).toContain('id="sources-file-1" data-source-file="prices.csv"');
    expect(section).toContain('data-provenance-chart="content/issues/alpha/price.vl.json">Widget price');
  });

  it('leaves the editor page (astro dev only) out of the build', () => {
    expect(fs.existsSync(path.join(site.root, 'dist', '_tally'))).toBe(false);
  });

  it('puts the illustrative notice at the top of the issue, before the first figure', () => {
    const notice = /<p class="illustrative-notice"[^>]*role="note"[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
    expect(notice).toContain('Illustrative data:');
    expect(notice).toContain('href="#sources-and-method"');
    expect(html.indexOf('illustrative-notice')).toBeLessThan(html.indexOf('class="fig"'));
  });
});

describe('the figure note and the illustrative mark', () => {
  let site: Site;
  let html: string;
  beforeAll(async () => {
    site = makeSite('basic');
    const result = await buildSite(site);
    expect(result.ok, result.output).toBe(true);
    html = result.html('/issues/alpha/');
  });

  it('makes every inline figure focusable with its note as accessible description', () => {
    const spans = html.match(/<span class="fig"[^>]*>/g) ?? [];
    expect(spans.length).toBe(7);
    for (const span of spans) {
      expect(span).toContain('tabindex="0"');
      const note = /aria-description="([^"]*)"/.exec(span)?.[1];
      expect(note).toMatch(/\. Source: .+\. As of .+\.$/);
      // Written once: the hover note reads the accessible description.
      expect(span).not.toContain('data-note');
      expect(span).toContain('data-illustrative');
    }
  });

  it('shows the note on keyboard focus without JavaScript, and no longer draws the asterisk', () => {
    const css = cssOf(site, html);
    expect(css).toMatch(/\.fig:focus:after[^{]*\{[^}]*content:attr\(aria-description\)/);
    expect(css).toMatch(/\.fig:focus\{[^}]*outline:/);
    expect(css).not.toMatch(/\.fig\[data-illustrative\]:+before/);
  });
});

describe('an issue on observed data, with a figure that reads the latest rows', () => {
  let html: string;
  beforeAll(async () => {
    const site = makeSite('basic');
    site.edit('data/manifest.yaml', (t) => t.replace('illustrative: true', 'illustrative: false').replace('url: https://example.com/settings', 'url: "javascript:alert(1)"'));
    site.edit('content/issues/alpha/figures.ts', (t) =>
      t.replace('return {', "return {\n      newest: { value: () => last(t.data('prices.csv', { latest: true }), 'price'), format: 'currency', description: 'Newest widget price' },"),
    );
    site.edit('content/issues/alpha/index.mdx', (t) => `${t}\nThe newest price is <Fig name="newest" />.\n`);
    const result = await buildSite(site);
    expect(result.ok, result.output).toBe(true);
    html = result.html('/issues/alpha/');
  });

  it('shows no illustrative notice when no file it reads is illustrative', () => {
    expect(html).not.toContain('<p class="illustrative-notice"');
    expect(sectionOf(html)).not.toContain('data-illustrative');
  });

  it('says a figure that opted out of the as-of cut reads the latest data', () => {
    const newest = /<li data-provenance-figure="newest">[\s\S]*?<\/li>/.exec(sectionOf(html))?.[0] ?? '';
    expect(newest).toContain('$999.00');
    expect(newest).toContain('Latest data, not cut');
    expect(newest).not.toContain('As of');
    expect(sectionOf(html)).toContain('except by the figures marked “latest data”');
  });

  it('writes a source URL that is not http(s) as text, never as a link', () => {
    const settings = fileEntry(sectionOf(html), 'settings.json');
    expect(settings).toContain('Test fixture (javascript:alert(1))');
    expect(html).not.toMatch(/href="\s*javascript:/i);
  });
});

/** The stylesheets a built page uses: linked files and inline style elements. */
function cssOf(site: Site, html: string): string {
  const linked = [...html.matchAll(/<link rel="stylesheet" href="\/([^"]+\.css)"/g)].map((m) => fs.readFileSync(path.join(site.root, 'dist', m[1]!), 'utf8'));
  const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  return [...linked, ...inline].join('\n');
}
