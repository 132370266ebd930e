import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveColours } from '../../src/charts/css-colours.ts';
import { PAGE_SELECTOR } from '../../src/core/page-markup.ts';
import { checkEmailSafe } from '../../src/renditions/email/check-email-safe.ts';
import { toEmailBody } from '../../src/renditions/email/email-body.ts';
import { renderEmailChart, type EmailChart } from '../../src/renditions/email/email-charts.ts';
import { emailDocument, emailMarkup, type EmailParts } from '../../src/renditions/email/email-document.ts';
import { emailPreview, emailPreviewPath } from '../../src/renditions/email/email-preview.ts';
import { toEmailText } from '../../src/renditions/email/email-text.ts';
import { readIssuePage } from '../../src/renditions/email/read-issue-page.ts';
import { closeRasterPool } from '../../src/renditions/png/raster-pool.ts';
import { buildSite, makeFlagshipSite, type BuildResult, type Site } from '../helpers/site.ts';
import { oracleEmailHtml, oracleResolveColours, oracleToEmailBody } from './same-bytes-oracle.ts';

const SITE = 'https://tally.example.com/';

describe('the emails of a fixture build, against the code the email stage replaced', () => {
  let site: Site;
  let result: BuildResult;
  let dist: string;
  let slugs: string[];
  const root = process.env.TALLY_ROOT;
  beforeAll(async () => {
    site = makeFlagshipSite();
    result = await buildSite(site, { TALLY_SITE: SITE });
    dist = path.join(site.root, 'dist');
    slugs = result.ok ? fs.readdirSync(path.join(dist, 'issues')) : [];
    // The site's config and its PNG store, as the build read them.
    process.env.TALLY_ROOT = site.root;
  });
  afterAll(async () => {
    if (root === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = root;
    await closeRasterPool();
  });

  it('writes every email and its preview as the replaced code wrote them', async () => {
    expect(result.ok, result.output).toBe(true);
    expect(slugs.length).toBeGreaterThanOrEqual(2);
    let drawn = 0;
    for (const slug of slugs) {
      // What renderEmail does up to the document, then the document as it was made before.
      const page = readIssuePage(dist, slug, new URL(SITE));
      const { $, prose, corrections } = page;
      const figures = prose.find(PAGE_SELECTOR.chart).toArray();
      const rendered = await Promise.all(figures.map((f) => renderEmailChart($, $(f), new URL(SITE), page.file, page.svgs)));
      const charts = new Map<string, EmailChart>(rendered.map(({ chart }) => [chart.id, chart]));
      const illustrative = oracleToEmailBody($, prose, charts, page.url);
      if (corrections) oracleToEmailBody($, corrections, charts, page.url);
      const bodyHtml = $.html(prose.contents()) + (corrections ? $.html(corrections.contents()) : '');
      const html = oracleEmailHtml(emailMarkup({ title: page.title, summary: page.summary, byline: page.byline, bodyHtml, pageUrl: page.url, site: new URL(SITE), illustrative }));
      expect(fs.readFileSync(path.join(dist, 'email', `${slug}.html`), 'utf8'), slug).toBe(html);
      expect(fs.readFileSync(path.join(dist, emailPreviewPath(slug)), 'utf8'), slug).toBe(emailPreview(html, new URL(SITE), load(html)));
      drawn += rendered.length;
    }
    expect(drawn).toBeGreaterThanOrEqual(5);
  });

  it("draws each chart from the same SVG text: its colours resolved as the regular expression did", () => {
    let svgs = 0;
    for (const slug of slugs) {
      for (const svg of readIssuePage(dist, slug, new URL(SITE)).svgs) {
        svgs++;
        for (const theme of ['light', 'dark'] as const) expect(resolveColours(svg, theme)).toBe(oracleResolveColours(svg, theme));
      }
    }
    expect(svgs).toBeGreaterThanOrEqual(5);
  });
});

const parts = (bodyHtml: string, over: Partial<EmailParts> = {}): EmailParts => ({
  title: 'Alpha & "Omega" <i>not markup</i>',
  summary: 'Rates & spreads, 5 < 6',
  byline: 'By Tally desk · January 22, 2026',
  bodyHtml,
  pageUrl: new URL('https://news.example.org/issues/alpha/'),
  site: new URL('https://news.example.org/'),
  illustrative: false,
  ...over,
});

/** Bodies the fixture's prose may not hold: entities, tables without tbody, quotes in attributes, template-like text. */
const BODIES: Record<string, string> = {
  prose: '<h2>Heading</h2><p>Text &amp; more&nbsp;text, 5 &lt; 6, “quotes”, <a href="https://news.example.org/x?a=1&amp;b=2" title="a &quot;b&quot; &amp; c">link</a><sup>*</sup></p>',
  lists: '<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul><ol start="3"><li>three</li></ol><blockquote><p>quoted</p></blockquote><hr>',
  code: '<pre><code>const a = b &lt; c &amp;&amp; d;\n  indented</code></pre><p><code>inline</code></p>',
  table: '<table><tr><th scope="col">h</th></tr><tr><td colspan="2">cell</td></tr></table><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>',
  chart: '<div class="chart" data-chart="c-1"><p class="chart-title">T &amp; t</p><p class="chart-desc">D</p><img class="chart-img" src="https://news.example.org/email/charts/c-1.png" width="552" height="300" alt="T &amp; t: D"><p class="chart-source">S</p><p class="chart-link"><a href="https://news.example.org/issues/alpha/#c-1">View the data on the web</a></p></div>',
  images: '<p><img src="https://news.example.org/a.png" alt="" width="552" class="chart-img"> after</p><p>a<br>b</p>',
  comments: '<!-- a comment --><p>after a comment</p><!--[if mso]><p>mso</p><![endif]-->',
  handlebars: '<p>Placeholders look like {{name}} and {{name|pct}}.</p><p class="x">{{ unclosed</p>',
  ejs: '<p>a &lt;% b %&gt; c</p><p title="<% t %>">x</p>',
  unsafe: '<p><a href="/relative">relative</a><img src="x.png" alt="x"></p>',
  unicode: '<p>Ünïcødé — 日本語 — emoji 📈, NBSP\u00a0here, zero\u200bwidth</p>',
  blocks: '<p>inline <span>span</span> <em>em</em> <strong>strong</strong></p><div><p>in a div</p><h3>h3</h3><h4>h4</h4></div>',
};

describe('the email document, against the code it replaced', () => {
  for (const [name, body] of Object.entries(BODIES)) {
    for (const illustrative of [false, true]) {
      it(`writes the same email, preview and problems for ${name}${illustrative ? ' (illustrative)' : ''}`, () => {
        const p = parts(body, { illustrative });
        const expected = oracleEmailHtml(emailMarkup(p));
        const $ = emailDocument(p);
        const html = $.html();
        expect(html).toBe(expected);
        expect(checkEmailSafe(html, $)).toEqual(checkEmailSafe(expected, load(expected)));
        expect(emailPreview(html, p.site, $)).toBe(emailPreview(expected, p.site, load(expected)));
      });
    }
  }

  it('inlines the stylesheet in both of its paths', () => {
    // The template-like text takes juice's own path; the rest the document parsed once.
    for (const body of [BODIES.prose!, BODIES.handlebars!]) {
      const html = emailDocument(parts(body)).html();
      expect(html).toMatch(/<h1 style="font-family: Inter/);
      expect(html).not.toMatch(/<style|class=/);
    }
  });
});

describe('charts and figures replaced in the prose, against one parse per element', () => {
  const chart = (id: string): EmailChart => ({ id, title: `Title & <${id}>`, description: 'A "desc"', source: 'Source: S&P', src: `https://news.example.org/email/charts/${id}.png`, width: 552, height: 300 });
  const fig = (text: string, illustrative = false) => `<span class="fig" data-figure="f"${illustrative ? ' data-illustrative=""' : ''} data-note="n">${text}</span>`;
  const PROSES: Record<string, string> = {
    figures: `<p>Up ${fig('13')} sessions, ${fig('18x', true)} against ${fig('26x')}; ${fig('')} empty, ${fig('&lt;/span&gt; &amp; &#39;quoted&#39;', true)}.</p>`,
    'control characters': `<p>${fig('a&#13;b')} ${fig('c&#0;d', true)} ${fig('e\tf\ng')}</p>`,
    nested: `<p>${fig(`outer ${fig('inner', true)}`)} and ${fig('after')}</p>`,
    charts: `<figure class="chart" id="c-1"><svg></svg></figure><p>${fig('1', true)}</p><figure class="chart" id="c-2"><figcaption>${fig('2')}</figcaption></figure><figure class="chart" id="unknown"></figure>`,
    'none at all': '<p>Nothing to replace.</p>',
  };
  for (const [name, html] of Object.entries(PROSES)) {
    it(`writes the same prose and text for ${name}`, () => {
      const charts = new Map([['c-1', chart('c-1')], ['c-2', chart('c-2')]]);
      const pageUrl = new URL('https://news.example.org/issues/alpha/');
      const [a, b] = [load(`<div class="prose">${html}</div>`), load(`<div class="prose">${html}</div>`)];
      const illustrative = toEmailBody(a, a('.prose'), charts, pageUrl);
      expect(illustrative).toBe(oracleToEmailBody(b, b('.prose'), charts, pageUrl));
      expect(a.html()).toBe(b.html());
      expect(toEmailText(a, a('.prose'), charts)).toEqual(toEmailText(b, b('.prose'), charts));
    });
  }
});

describe('colours resolved for the rasterizer, against the regular expression they replaced', () => {
  const CASES = [
    '<path style="stroke:var(--chart-c1)" d="M0 0"/>',
    '<path\tstyle="fill:var(--chart-label);stroke:var(--chart-c2)"/><text\nstyle="fill:var(--chart-title);font-weight:bold">a</text>',
    '<rect style="opacity:0.5;fill:var(--chart-c3)"/><rect style="opacity:0.5"/>',
    '<g style="fill:var(--chart-constructor)"/><g style="fill:var(--chart-nope);stroke:var(--chart-c9)"/>',
    '<g style="fill: var(--chart-c1)"/><g style=" fill:var(--chart-c1) ;"/><g STYLE="fill:var(--chart-c1)"/>',
    'style="fill:var(--chart-c1)" at the start, <a style="x style="fill:var(--chart-c2)"/>',
    '<text>a\u00a0style="fill:var(--chart-c4)" in text</text><g style="fill:var(--chart-c5)',
    '<stop style="stop-color:var(--chart-c6)"/><g data-style="fill:var(--chart-c1)"/>',
  ];
  it('writes the same text for stand-in cases', () => {
    for (const svg of CASES) for (const theme of ['light', 'dark'] as const) expect(resolveColours(svg, theme), svg).toBe(oracleResolveColours(svg, theme));
  });

  it('writes the same text for random mixes of the tokens around a style', () => {
    const tokens = [' style="', 'style="', '"', 'var(--chart-', 'c1)', 'fill:', 'stroke:', 'stop-color:', ';', ' ', '\t', '\u00a0', 'x', 'label)', 'constructor)', 'fill:var(--chart-c1)', '>', '<path', ' style="stroke:var(--chart-c2)"', '\tstyle="fill:var(--chart-c3);opacity:1"'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let changed = 0;
    for (let i = 0; i < 20000; i++) {
      let svg = '';
      for (let n = 1 + Math.floor(next() * 12); n > 0; n--) svg += tokens[Math.floor(next() * tokens.length)];
      const expected = oracleResolveColours(svg, 'light');
      if (expected !== svg) changed++;
      expect(resolveColours(svg, 'light'), JSON.stringify(svg)).toBe(expected);
    }
    // The mixes reach the rewriting, not only the text left alone.
    expect(changed).toBeGreaterThan(2000);
  });
});
