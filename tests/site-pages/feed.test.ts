import fs from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

type Item = Parser.Item & { 'content:encoded'?: string };

describe('the full-content RSS feed, read by a real feed parser', () => {
  let site: Site;
  let result: BuildResult;
  let feed: Parser.Output<Item>;
  const item = (title: string) => feed.items.find((i) => i.title === title)!;
  const body = (title: string) => item(title)['content:encoded'] ?? '';
  beforeAll(async () => {
    site = makeSite('site-pages');
    result = await buildSite(site, { TALLY_SITE: 'https://news.example.org' });
    expect(result.ok, result.output).toBe(true);
    const xml = fs.readFileSync(path.join(site.root, 'dist', 'rss.xml'), 'utf8');
    feed = await new Parser<Record<string, never>, Item>().parseString(xml);
  });

  it('has one item per published issue, newest first, with absolute links and dates', () => {
    expect(feed.title).toBe('Tally');
    expect(feed.link).toBe('https://news.example.org/');
    expect(feed.items.map((i) => i.title)).toEqual(['Alpha issue', 'Beta issue']);
    expect(item('Alpha issue').link).toBe('https://news.example.org/issues/alpha/');
    expect(item('Alpha issue').guid).toBe('https://news.example.org/issues/alpha/');
    expect(item('Alpha issue').isoDate).toBe('2026-01-10T00:00:00.000Z');
    expect(item('Beta issue').categories).toEqual(['test', 'Zürich']);
  });

  it('writes figures as their formatted text, illustrative ones starred with a footnote', () => {
    const alpha = body('Alpha issue');
    expect(alpha).toContain('The price is $121.00<sup>*</sup>, up +21.0%<sup>*</sup> since January 2.');
    expect(alpha).toContain('Shown another way: +21.00%<sup>*</sup>.');
    expect(alpha).toContain('Computed from illustrative data');
    expect(alpha).not.toMatch(/data-note|aria-description|class="fig"|tabindex/);
    expect(body('Beta issue')).toBe('<p>The threshold stands at 105.</p>');
  });

  it('shows each chart as a PNG at /email/charts/<chart-id>.png with its description as alt text', () => {
    const page = result.html('/issues/alpha/');
    const id = /<figure class="chart" id="([^"]+)"/.exec(page)?.[1];
    expect(id).toMatch(/^chart-/);
    expect(body('Alpha issue')).toContain(`<figure><img src="https://news.example.org/email/charts/${id}.png" alt="Daily widget price in January." /><figcaption>Widget price. Source: Widget prices (data/prices.csv: date, price; illustrative)</figcaption></figure>`);
  });

  it('has no script, no SVG, no style and no relative URL', () => {
    for (const i of feed.items) {
      const html = i['content:encoded'] ?? '';
      expect(html).not.toMatch(/<script|<svg|<style|<table/i);
      const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
      for (const url of urls) expect(url).toMatch(/^https:\/\/news\.example\.org\//);
    }
    expect(body('Alpha issue')).toContain('<a href="https://news.example.org/issues/beta/">previous issue</a>');
    expect(body('Alpha issue')).toContain('<a href="https://news.example.org/about/#data-sources">about page</a>');
  });

  it('is linked from every page head, under the configured site', () => {
    expect(result.html('/')).toContain('<link rel="alternate" type="application/rss+xml" title="Tally" href="https://news.example.org/rss.xml">');
    expect(result.html('/issues/beta/')).toContain('<link rel="canonical" href="https://news.example.org/issues/beta/">');
  });
});
