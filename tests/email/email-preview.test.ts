import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailPreview } from '../../src/renditions/email/email-preview.ts';
import { buildSite, makeSite, type BuildResult } from '../helpers/site.ts';
import { startDevServer, type DevServer } from '../dev/dev-server.ts';

const SITE = 'https://news.example.org/';

/** The preview turned back into the email it was made from: the robots tag out, site paths absolute again. */
function backToEmail(preview: string): string {
  const $ = load(preview.replace('<meta name="robots" content="noindex">\n', ''));
  $('[href^="/"], [src^="/"]').each((_, el) => {
    for (const name of ['href', 'src']) {
      const v = $(el).attr(name);
      if (v?.startsWith('/')) $(el).attr(name, new URL(v, SITE).href);
    }
  });
  return $.html();
}

describe('the email preview copy', () => {
  it('makes the links and images on the site site-relative and leaves every other URL alone', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<a href="${SITE}issues/a/#top">page</a><img src="${SITE}email/charts/c-1.png" width="600" alt="">
<a href="https://other.example.org/x">other</a><a href="mailto:desk@news.example.org">mail</a>
<a href="https://news.example.org.evil.example/x">lookalike</a></body></html>`;
    const $ = load(emailPreview(html, new URL(SITE)));
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([
      '/issues/a/#top',
      'https://other.example.org/x',
      'mailto:desk@news.example.org',
      'https://news.example.org.evil.example/x',
    ]);
    expect($('img').attr('src')).toBe('/email/charts/c-1.png');
    expect($('head meta[name="robots"]').attr('content')).toBe('noindex');
  });
});

describe('email previews of a fixture build', () => {
  let result: BuildResult;
  let dist: string;
  let slugs: string[];
  beforeAll(async () => {
    const site = makeSite('basic');
    result = await buildSite(site, { TALLY_SITE: SITE });
    dist = path.join(site.root, 'dist');
    slugs = result.ok ? fs.readdirSync(path.join(dist, 'email')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)) : [];
  });

  it('writes one preview per issue email, and none for anything else', () => {
    expect(result.ok, result.output).toBe(true);
    expect(slugs.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dist, 'email', 'preview')).sort()).toEqual(slugs.map((s) => `${s}.html`).sort());
  });

  it('points every image at a file of the build, by a site-relative URL', () => {
    let images = 0;
    for (const slug of slugs) {
      const $ = load(fs.readFileSync(path.join(dist, 'email', 'preview', `${slug}.html`), 'utf8'));
      $('img').each((_, el) => {
        const src = $(el).attr('src') ?? '';
        expect(src, 'a site-relative image URL').toMatch(/^\/[^/]/);
        expect(fs.existsSync(path.join(dist, decodeURIComponent(src))), `${src} is in dist/`).toBe(true);
        images++;
      });
      expect($(`[href^="${SITE}"], [src^="${SITE}"]`).length, 'no URL left on the production site').toBe(0);
    }
    expect(images, 'the fixture has a chart, so its email has an image').toBeGreaterThan(0);
  });

  it('is the sent email with its origin removed, marked noindex, and outside the sitemap', () => {
    for (const slug of slugs) {
      const preview = fs.readFileSync(path.join(dist, 'email', 'preview', `${slug}.html`), 'utf8');
      const email = fs.readFileSync(path.join(dist, 'email', `${slug}.html`), 'utf8');
      expect(load(preview)('head meta[name="robots"]').attr('content')).toBe('noindex');
      expect(email).not.toContain('name="robots"');
      expect(backToEmail(preview)).toBe(load(email).html());
    }
    const sitemaps = fs.readdirSync(dist).filter((f) => f.startsWith('sitemap'));
    expect(sitemaps.length).toBeGreaterThan(0);
    for (const f of sitemaps) expect(fs.readFileSync(path.join(dist, f), 'utf8')).not.toContain('/email/');
  });
});

describe('the email preview in astro dev', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer(makeSite('basic'), 4417, '/issues/alpha/');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 20_000);

  it('is linked from the editor page for each issue, drafts included, and its images load', async () => {
    const editor = load(await (await fetch(new URL('/_tally', server.base))).text());
    const links = editor('a[data-email-preview]').map((_, a) => editor(a).attr('href')).get();
    expect(links.sort()).toEqual(['/email/preview/alpha.html', '/email/preview/draft-one.html']);
    const res = await fetch(new URL('/email/preview/alpha.html', server.base));
    const html = await res.text();
    expect(res.status, server.output()).toBe(200);
    const $ = load(html);
    expect($('h1').text()).not.toBe('');
    expect($('head meta[name="robots"]').attr('content')).toBe('noindex');
    const srcs = $('img').map((_, el) => $(el).attr('src')).get();
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) {
      expect(src).toMatch(/^\/email\/charts\/[^/]+\.png$/);
      const img = await fetch(new URL(src, server.base));
      expect([img.status, img.headers.get('content-type')]).toEqual([200, 'image/png']);
    }
  }, 60_000);

  it('answers with the page status when the issue does not exist', async () => {
    const res = await fetch(new URL('/email/preview/no-such-issue.html', server.base));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('/issues/no-such-issue/');
  }, 30_000);
});
