import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load, type CheerioAPI } from 'cheerio';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardTextOf } from '../../src/renditions/og/draw-card.ts';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

/** The figure whose text comes from data, and how it must never appear: as markup. */
const MAKER = 'Widgets <&> "Co"';
const TITLE = `Price $121.00 from ${MAKER}`;
const SUMMARY = `Up +21.00%, made by ${MAKER}`;

describe('figures written into front matter and chart texts, read back from every rendition', () => {
  let site: Site;
  let result: BuildResult;
  let page: CheerioAPI;
  const dist = (f: string) => path.join(site.root, 'dist', f);
  beforeAll(async () => {
    site = makeSite('placeholders', { on: 'basic' });
    site.edit('data/manifest.yaml', (t) => `${t}makers.csv:\n  title: Widget makers\n  source: Test fixture\n  url: https://example.com/makers\n  licence: CC0-1.0\n  retrieved: 2026-02-01\n  illustrative: false\n  columns:\n    date: date\n    maker: string\n`);
    result = await buildSite(site, { TALLY_SITE: 'https://news.example.org' });
    expect(result.ok, result.output).toBe(true);
    page = load(result.html('/issues/placed/'));
  }, 300_000);

  it('fills the page title, summary, <title> and meta tags, escaped as text', () => {
    expect(page('article h1').text()).toBe(TITLE);
    expect(page('.dek').text()).toBe(SUMMARY);
    expect(page('head title').text()).toBe(`${TITLE} · Tally`);
    expect(page('meta[name="description"]').attr('content')).toBe(SUMMARY);
    expect(page('meta[property="og:title"]').attr('content')).toBe(TITLE);
    expect(page('meta[property="og:description"]').attr('content')).toBe(SUMMARY);
    expect(page('meta[property="og:image:alt"]').attr('content')).toBe(`${TITLE}: ${SUMMARY}`);
    expect(result.html('/issues/placed/')).not.toContain(MAKER);
    expect(result.html('/issues/placed/')).not.toContain('{{');
  });

  it('fills the chart caption (title, subtitle, description), the SVG accessible name and its axis and legend titles', () => {
    expect(page('.chart-title').text()).toBe(`Widgets at $121.00 by ${MAKER}`);
    expect(page('.chart-subtitle').text()).toBe('Up +21.0%');
    expect(page('.chart-desc').text()).toBe(`Made by ${MAKER}, up 21.0%.`);
    const svg = page('svg.chart-svg').first();
    expect(svg.find('title').first().text()).toBe(`Widgets at $121.00 by ${MAKER}`);
    expect(svg.find('desc').first().text()).toBe(`Up +21.0%. Made by ${MAKER}, up 21.0%.`);
    const texts = svg.find('text').map((_, e) => page(e).text()).get();
    expect(texts).toEqual(expect.arrayContaining([`Day, ${MAKER}`, 'Price, last $121.00', `Volume for ${MAKER}`]));
    // The interactive view's spec carries the filled texts too.
    const spec = fs.readFileSync(dist(page('figure.chart').attr('data-chart-spec')!.replace(/^\//, '').replace(/\?.*$/, '')), 'utf8');
    expect(spec).toContain('Price, last $121.00');
    expect(spec).not.toContain('{{');
  });

  it('lists the filled title, summary and headline on the home, archive and tag pages', () => {
    const home = load(result.html('/'));
    const card = home('.issue-card').filter((_, e) => home(e).find('a').attr('href') === '/issues/placed/');
    expect(card.find('h2').text()).toBe(TITLE);
    expect(card.find('.summary').text()).toBe(SUMMARY);
    expect(card.find('.headline-value').text()).toBe('21% since January 2');
    expect(card.find('.headline-desc').text()).toBe('Change since the first day');
    expect(load(result.html('/archive/'))('a[href="/issues/placed/"]').text()).toBe(TITLE);
    const tag = load(result.html('/tags/test/'));
    expect(tag('a[href="/issues/placed/"]').text()).toBe(TITLE);
    expect(tag('a[href="/issues/placed/"] + .summary').text()).toBe(SUMMARY);
  });

  it('fills the feed item title and description, escaped in the XML', async () => {
    const xml = fs.readFileSync(dist('rss.xml'), 'utf8');
    expect(xml).not.toContain(MAKER);
    const feed = await new Parser().parseString(xml);
    const item = feed.items.find((i) => i.link === 'https://news.example.org/issues/placed/')!;
    expect(item.title).toBe(TITLE);
    expect(item.contentSnippet ?? item.content).toBeDefined();
    expect(xml).toMatch(/<description>Up \+21\.00%, made by Widgets (&lt;|<!\[CDATA\[)/);
  });

  it('fills the email subject (its <title>) and heading, and its plain text part', () => {
    const html = fs.readFileSync(dist('email/placed.html'), 'utf8');
    const email = load(html);
    expect(email('title').text()).toBe(`${TITLE} · Tally`);
    expect(email('h1').text()).toBe(TITLE);
    expect(html).not.toContain(MAKER);
    expect(fs.readFileSync(dist('email/placed.txt'), 'utf8')).toContain(`${TITLE}\n`);
  });

  it('gives the social card the filled title, summary and headline', () => {
    const { card } = cardTextOf(dist(''), 'placed', '{{change|percent:0}} since January 2');
    expect(card.title).toBe(TITLE);
    expect(card.summary).toBe(SUMMARY);
    expect(card.headline).toEqual({ value: '21% since January 2', description: 'Change since the first day', illustrative: true });
    // The build drew the same card: the headline's figure was found in the prose.
    expect(result.output).not.toMatch(/issues\/placed\/index\.html: the headline figure/);
  });

  it('indexes the filled text for search', () => {
    const dir = dist('pagefind/fragment');
    const fragments = fs.readdirSync(dir).map((f) => JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, f))).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; content: string; meta: { title?: string } });
    const placed = fragments.find((f) => f.url === '/issues/placed/')!;
    expect(placed.meta.title).toBe(TITLE);
    expect(placed.content).toContain(SUMMARY);
    expect(placed.content).not.toContain('{{');
  });
});

describe('an unknown figure in a placeholder', () => {
  const build = async (change: (site: Site) => void) => {
    const site = makeSite('placeholders', { on: 'basic' });
    site.edit('data/manifest.yaml', (t) => `${t}makers.csv:\n  title: Widget makers\n  source: Test fixture\n  url: https://example.com/makers\n  licence: CC0-1.0\n  retrieved: 2026-02-01\n  illustrative: false\n  columns:\n    date: date\n    maker: string\n`);
    change(site);
    return buildSite(site);
  };

  it('fails the build at its line in the spec, with a did-you-mean', async () => {
    const r = await build((site) => site.edit('content/issues/placed/placed.vl.json', (t) => t.replace('"Price, last {{lastPrice}}"', '"Price, last {{lastPrise}}"')));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('content/issues/placed/placed.vl.json:9:');
    expect(r.output).toContain('{{lastPrise}} names no figure of issue "placed". Did you mean "lastPrice"?');
  }, 300_000);

  it('fails the build at its line in the front matter, with a did-you-mean', async () => {
    const r = await build((site) => site.edit('content/issues/placed/index.mdx', (t) => t.replace('Up {{change|+percent:2}}', 'Up {{chnage|+percent:2}}')));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('content/issues/placed/index.mdx:5:14');
    expect(r.output).toContain('{{chnage}} names no figure of issue "placed". Did you mean "change"?');
  }, 300_000);
});
