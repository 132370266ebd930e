import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

/** The text of an HTML fragment, tags dropped and whitespace folded. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];

describe('the site around the issues (fixture: site-pages, two issues in two years)', () => {
  let site: Site;
  let result: BuildResult;
  const dist = (f: string) => path.join(site.root, 'dist', f);
  beforeAll(async () => {
    site = makeSite('site-pages');
    result = await buildSite(site);
  });

  it('builds', () => {
    expect(result.ok, result.output).toBe(true);
  });

  it('home lists issues newest first, each with its summary and headline figure', () => {
    const home = result.html('/');
    const cards = [...home.matchAll(/<li class="issue-card">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(cards.map((c) => /<h2>([^<]*)<\/h2>/.exec(c)?.[1])).toEqual(['Alpha issue', 'Beta issue']);
    expect(text(cards[0]!)).toContain('A fixture issue.');
    const alpha = /<p class="headline" data-headline="lastPrice"[\s\S]*?<\/p>/.exec(cards[0]!)?.[0] ?? '';
    expect(text(alpha)).toBe('$121.00 Last widget price Illustrative data');
    const beta = /<p class="headline" data-headline="threshold"[\s\S]*?<\/p>/.exec(cards[1]!)?.[0] ?? '';
    expect(text(beta)).toBe('105 Price threshold');
    expect(home).not.toContain('Draft issue');
  });

  it('archive groups issues by year, then month', () => {
    const archive = result.html('/archive/');
    const years = [...archive.matchAll(/<h2 class="archive-year"[^>]*>(\d+)<\/h2>/g)].map((m) => m[1]);
    expect(years).toEqual(['2026', '2025']);
    const month = (key: string) => new RegExp(`<section[^>]*data-month="${key}"[^>]*>([\\s\\S]*?)</section>`).exec(archive)?.[1] ?? '';
    expect(text(month('2026-01'))).toMatch(/^January 2026 Jan 10, 2026 Alpha issue$/);
    expect(text(month('2025-12'))).toMatch(/^December 2025 Dec 15, 2025 Beta issue$/);
  });

  it('tag pages: an index, one page per tag with a safe slug, linked from the issue', () => {
    const tags = result.html('/tags/');
    expect(tags).toContain('href="/tags/small-caps-co/"');
    expect(tags).toContain('href="/tags/zurich/"');
    expect(text(result.html('/tags/test/'))).toMatch(/Alpha issue.*Beta issue/);
    const small = result.html('/tags/small-caps-co/');
    expect(small).toContain('Tagged “Small Caps &amp; Co.”');
    expect(small).toContain('Alpha issue');
    expect(small).not.toContain('Beta issue');
    expect(result.html('/issues/alpha/')).toContain('<a href="/tags/small-caps-co/">Small Caps &amp; Co.</a>');
  });

  it('about explains how numbers are made and lists the sources, illustrative ones marked', () => {
    const about = text(result.html('/about/'));
    expect(about).toContain('computed from a data file when the site is built');
    expect(about).toMatch(/Widget prices Illustrative data\/prices\.csv Test fixture CC0-1\.0/);
    expect(about).toMatch(/Widget settings data\/settings\.json/);
    expect(about).toContain('2 data files, 1 of them illustrative');
  });

  it('a 404 page with no canonical address', () => {
    const notFound = fs.readFileSync(dist('404.html'), 'utf8');
    expect(notFound).toContain('Page not found');
    expect(notFound).not.toContain('rel="canonical"');
  });

  it('canonical URLs from the configured site', () => {
    expect(result.html('/')).toContain('<link rel="canonical" href="https://tally.example.com/">');
    expect(result.html('/archive/')).toContain('<link rel="canonical" href="https://tally.example.com/archive/">');
    expect(result.html('/issues/beta/')).toContain('<link rel="canonical" href="https://tally.example.com/issues/beta/">');
    expect(result.html('/')).toContain('<link rel="alternate" type="application/rss+xml" title="Tally" href="https://tally.example.com/rss.xml">');
  });

  it('Open Graph and Twitter tags on issue pages, pointing at /og/<slug>.png', () => {
    const html = result.html('/issues/alpha/');
    expect(meta(html, 'og:title')).toBe('Alpha issue');
    expect(meta(html, 'og:description')).toBe('A fixture issue.');
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:url')).toBe('https://tally.example.com/issues/alpha/');
    expect(meta(html, 'og:image')).toBe('https://tally.example.com/og/alpha.png');
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
    expect(meta(html, 'og:image:alt')).toContain('Alpha issue');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(result.html('/'), 'og:image')).toBeUndefined();
  });

  it('a sitemap of every page but the 404, and a robots.txt that names it', () => {
    expect(fs.readFileSync(dist('sitemap-index.xml'), 'utf8')).toContain('<loc>https://tally.example.com/sitemap-0.xml</loc>');
    const locs = [...fs.readFileSync(dist('sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(expect.arrayContaining(['https://tally.example.com/', 'https://tally.example.com/issues/alpha/', 'https://tally.example.com/issues/beta/', 'https://tally.example.com/archive/', 'https://tally.example.com/tags/zurich/', 'https://tally.example.com/about/']));
    expect(locs.join(' ')).not.toMatch(/404|draft-one/);
    expect(fs.readFileSync(dist('robots.txt'), 'utf8')).toMatch(/^User-agent: \*$[\s\S]*^Sitemap: https:\/\/tally\.example\.com\/sitemap-index\.xml$/m);
  });

  it('Pagefind indexes the issue pages only; only the search page loads search code', () => {
    expect(fs.existsSync(dist('pagefind/pagefind.js'))).toBe(true);
    expect(fs.existsSync(dist('pagefind/pagefind-ui.js'))).toBe(true);
    const entry = JSON.parse(fs.readFileSync(dist('pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(2);
    expect(result.html('/issues/alpha/')).toMatch(/<article class="issue" data-pagefind-body[ >]/);
    const search = result.html('/search/');
    expect(text(search)).toContain('Search runs in your browser and needs JavaScript');
    expect(search).toContain('<script src="/pagefind/pagefind-ui.js"></script>');
    for (const route of ['/', '/archive/', '/tags/', '/about/', '/issues/alpha/', '/tags/test/']) {
      // Other layers (chart tooltips) may load scripts of their own; none may load search code.
      expect(/\/pagefind\/|PagefindUI/.test(result.html(route)), route).toBe(false);
    }
  });
});
