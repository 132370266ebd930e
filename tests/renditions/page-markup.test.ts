import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chartSvgClass, PAGE_ATTR, PAGE_CLASS, PAGE_SELECTOR, PAGE_START_TAG } from '../../src/core/page-markup.ts';
import { toEmailBody } from '../../src/renditions/email/email-body.ts';
import type { EmailChart } from '../../src/renditions/email/email-charts.ts';
import { toEmailText } from '../../src/renditions/email/email-text.ts';
import { readIssuePage } from '../../src/renditions/email/read-issue-page.ts';
import { toFeedHtml } from '../../src/renditions/feed/feed-html.ts';
import { leanIssueHtml, setAsideWideSvgs, SVG_INDEX_ATTR } from '../../src/renditions/lean-page.ts';
import { scanSource } from './scan-literals.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');
const CLASSES = Object.values(PAGE_CLASS);
const ATTRS = Object.values(PAGE_ATTR);

/** Files that may hold the names: the contract itself, and the email's own markup, which shares some of them. */
const OWNERS = new Set(['core/page-markup.ts', 'renditions/email/email-markup.ts', 'renditions/email/email-styles.ts']);

/**
 * Names typed out elsewhere, each for a reason; anything else found fails. The browser loader's
 * selectors are checked against the contract below instead: importing the module would ship
 * all of it in the loader every issue page downloads up front.
 */
const EXCEPTIONS: Record<string, readonly string[]> = {
  // Other pages reuse the stylesheet's classes; no rendition reads them.
  'pages/about.astro': [PAGE_CLASS.prose, PAGE_CLASS.dek],
  'pages/index.astro': [PAGE_CLASS.issueMeta],
  'pages/tags/[tag].astro': [PAGE_CLASS.issueMeta],
  // The sources list's own marker, outside the article. Written by a spread, a classless element
  // of a scoped component gets Astro's scope class too (the page would change).
  'components/SourcesAndMethod.astro': [PAGE_ATTR.illustrative],
  // The EmailRendition hint describes the page to the author in words.
  'core/errors.ts': [PAGE_CLASS.issue, PAGE_CLASS.chart],
  // A cache file's extension, not a selector.
  'charts/chart-artifacts.ts': [PAGE_CLASS.chart],
  'client/watch-charts.ts': [PAGE_CLASS.chart, PAGE_ATTR.chartSpec],
  'client/mount-chart.ts': [PAGE_CLASS.chartFrame, PAGE_ATTR.chartSpec],
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const camel = (attr: string) => attr.replace(/^data-/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The contract's names that `text` types out as a class, selector or attribute. */
function namesTypedOut(file: string, text: string): string[] {
  const { literals, code, markup } = scanSource(text, file);
  const found = new Set<string>();
  for (const name of CLASSES) {
    const n = escapeRe(name);
    const classAttr = new RegExp(`class=\\\\?["'](?:[^"']*\\s)?${n}(?=[\\s"'(\\\\]|$)`);
    const selector = new RegExp(`(?:^|[\\s,>+~(\\[\\\\])(?:[a-z][a-z0-9]*)?\\.${n}(?![\\w-])`);
    // A bare name is only telling when it cannot be an ordinary word ('chart', 'issue').
    const exact = (l: string) => name.includes('-') && l.trim() === name;
    if (literals.some((l) => classAttr.test(l) || selector.test(l) || exact(l)) || classAttr.test(markup)) found.add(name);
  }
  for (const name of ATTRS) {
    // Not part of a longer name, but a regular expression's `\s` may come right before it.
    const bare = new RegExp(`(?<!(?<!\\\\)[\\w-])${escapeRe(name)}(?![\\w-])`);
    if (literals.some((l) => bare.test(l)) || bare.test(markup) || new RegExp(`\\.dataset\\.${camel(name)}\\b`).test(code)) found.add(name);
  }
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|mts|js|mjs|astro)$/.test(d.name))
    .map((d) => path.relative(SRC, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

describe('the page markup contract (src/core/page-markup.ts)', () => {
  it('is the only place in src/ that types out its class names and data attributes', () => {
    const stray: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (OWNERS.has(file)) continue;
      const allowed = EXCEPTIONS[file] ?? [];
      for (const name of namesTypedOut(file, fs.readFileSync(path.join(SRC, file), 'utf8'))) if (!allowed.includes(name)) stray.push(`${file}: ${name}`);
    }
    expect(stray).toEqual([]);
  });

  it('the scan catches each way a name gets typed out, and not the names used from the module', () => {
    expect(namesTypedOut('a.ts', `$('.chart-title').text()`)).toEqual(['chart-title']);
    expect(namesTypedOut('a.ts', `prose.find("figure.chart")`)).toEqual(['chart']);
    expect(namesTypedOut('a.ts', `const re = /<span\\b[^>]*\\bclass="fig(?:\\s[^"]*)?"/g;`)).toEqual(['fig']);
    expect(namesTypedOut('a.ts', 'const mark = /\\sdata-illustrative[\\s=>]/.test(span) || /\\.chart-desc/.test(t);')).toEqual(['chart-desc', 'data-illustrative']);
    expect(namesTypedOut('a.ts', 'const x = "data-figures" + y.dataset.noteText;')).toEqual([]);
    expect(namesTypedOut('a.ts', `const drop = 'class="chart-svg chart-svg--narrow"';`)).toEqual(['chart-svg', 'chart-svg--narrow']);
    expect(namesTypedOut('a.ts', 'html.replace(`<p class="dek">${x}</p>`)')).toEqual(['dek']);
    expect(namesTypedOut('a.ts', "el.attr('aria-description') ?? f(`${g('data-figure')}`)")).toEqual(['aria-description', 'data-figure']);
    expect(namesTypedOut('a.ts', 'const url = figure.dataset.chartSpec;')).toEqual(['data-chart-spec']);
    expect(namesTypedOut('A.astro', '---\nconst a = 1;\n---\n<span class="chart-desc" data-spec={a}>x</span>\n<style>.chart-frame { x: 1 }</style>')).toEqual(['chart-desc', 'data-spec']);
    expect(namesTypedOut('a.ts', "// class=\"chart-title\" in a comment\nconst kind: 'chart' | 'fig' = 'chart';\nconst r = 4 / 2 / 1;")).toEqual([]);
    expect(namesTypedOut('A.astro', '<figure class={PAGE_CLASS.chart} {...{ [PAGE_ATTR.spec]: s }}>')).toEqual([]);
  });

  it('the browser loader, which keeps its selectors typed out, uses the contract\'s', () => {
    const watch = fs.readFileSync(path.join(SRC, 'client/watch-charts.ts'), 'utf8');
    const mount = fs.readFileSync(path.join(SRC, 'client/mount-chart.ts'), 'utf8');
    expect(scanSource(watch, 'w.ts').literals).toContain(PAGE_SELECTOR.liveChart);
    expect(scanSource(mount, 'm.ts').literals).toContain(PAGE_SELECTOR.chartFrame);
    expect(mount).toContain(`figure.dataset.${camel(PAGE_ATTR.chartSpec)}`);
  });
});

/** An issue page written from the contract's names, as [slug].astro, Fig, Chart and accessibleSvg write it. */
function issuePage(): string {
  const C = PAGE_CLASS;
  const A = PAGE_ATTR;
  const svg = (layout: 'wide' | 'narrow') =>
    `<svg width="400" height="200" class="${chartSvgClass(layout)}" role="img"><title>Claims fell</title><desc>A line</desc><path d="M0,0L400,200"/></svg>`;
  return [
    `<!doctype html><html><body><article class="${C.issue}" ${A.pagefindBody}>`,
    `<header><h1>Claims &amp; jobs</h1><p class="${C.dek}">Fewer claims.</p>`,
    `<p class="${C.issueMeta}">By Desk · <time datetime="2026-01-22">January 22, 2026</time></p></header>`,
    `<p class="notice" ${A.pagefindIgnore}>Illustrative data</p>`,
    `<div class="${C.prose}"><p>Claims fell to <span class="${C.fig}" ${A.figure}="claims" ${A.note}="Weekly claims. Source: x.csv" aria-description="n" ${A.illustrative} tabindex="0">201,000</span>`,
    ` and rose <span class="${C.fig}" ${A.figure}="rise" ${A.note}="Rise" tabindex="0">3%</span>.</p>`,
    `<figure class="${C.chart}" id="chart-abc" aria-labelledby="chart-abc-cap" ${A.spec}="claims.vl.json" ${A.chartSpec}="/charts/x/claims.json?v=chart-abc" data-astro-cid-q>`,
    `<figcaption id="chart-abc-cap"><span class="${C.chartTitle}">Claims, weekly</span><span class="${C.chartDesc}">Claims fell since May</span></figcaption>`,
    `<div class="${C.chartFrame}">${svg('narrow')}${svg('wide')}</div>`,
    `<p class="${C.chartSource}">Source: Labor dept</p>`,
    `<details class="${C.chartData}" data-astro-cid-q><summary>Data</summary><table><tr><td>2026-01-17</td><td>201000</td></tr></table></details>`,
    '</figure></div></article></body></html>',
  ].join('');
}

describe('the renditions read what the page writes by the same names', () => {
  const page = issuePage();
  const url = new URL('https://x.example/issues/claims/');
  const out = tempDir('page-markup-');
  fs.mkdirSync(path.join(out, 'issues', 'claims'), { recursive: true });
  fs.writeFileSync(path.join(out, 'issues', 'claims', 'index.html'), page);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('the lean page cuts the data table and the narrow SVG (or every chart SVG) by their start tags', () => {
    expect(page).toContain(PAGE_START_TAG.chartData);
    expect(page).toContain(PAGE_START_TAG.narrowChartSvg);
    const wide = leanIssueHtml(page, 'wide');
    expect(wide).not.toContain('<details');
    expect(wide).not.toContain(PAGE_START_TAG.narrowChartSvg);
    expect(wide.match(/<svg/g)).toHaveLength(1);
    expect(wide).toContain(PAGE_START_TAG.wideChartSvg);
    expect(leanIssueHtml(Buffer.from(page), 'none')).not.toContain('<svg');
    const aside = setAsideWideSvgs(wide);
    expect(aside.svgs).toHaveLength(1);
    expect(aside.svgs[0]).toContain('<path d="M0,0L400,200"/>');
  });

  it('the feed finds the figures and the chart with its caption', () => {
    const prose = page.slice(page.indexOf(`<div class="${PAGE_CLASS.prose}">`), page.indexOf('</article>'));
    const feed = toFeedHtml(prose, url);
    expect(feed.illustrative).toBe(true);
    expect(feed.html).toContain('Claims fell to 201,000<sup>*</sup> and rose 3%.');
    expect(feed.html).toContain('<figure><img src="https://x.example/email/charts/chart-abc.png" alt="Claims fell since May" /><figcaption>Claims, weekly. Source: Labor dept</figcaption></figure>');
    expect(feed.html).not.toMatch(/data-note|aria-description|<svg|<details|chart-title/);
  });

  it('the email finds the article, its header, the figures and the chart', () => {
    const read = readIssuePage(out, 'claims', url);
    expect([read.title, read.summary, read.byline]).toEqual(['Claims & jobs', 'Fewer claims.', 'By Desk · January 22, 2026']);
    expect(read.svgs).toHaveLength(1);
    expect(read.prose.find(PAGE_SELECTOR.chart).find(PAGE_SELECTOR.chartSvgWide).attr(SVG_INDEX_ATTR)).toBe('0');
    expect(read.prose.find(PAGE_SELECTOR.chart).attr(PAGE_ATTR.spec)).toBe('claims.vl.json');
    const chart: EmailChart = { id: 'chart-abc', title: 'Claims, weekly', description: 'Claims fell since May', source: 'Source: Labor dept', src: 'https://x.example/email/charts/chart-abc.png', width: 400, height: 200 };
    const charts = new Map([[chart.id, chart]]);
    expect(toEmailBody(read.$, read.prose, charts, read.url)).toBe(true);
    const body = read.$.html(read.prose.contents());
    expect(body).toContain('Claims fell to 201,000<sup>*</sup> and rose 3%.');
    expect(body).toContain('src="https://x.example/email/charts/chart-abc.png"');
    expect(body).not.toMatch(/<figure|<svg|data-figure/);
    expect(toEmailText(read.$, read.prose, charts)).toContain('[Chart: Claims, weekly — Claims fell since May] <https://x.example/email/charts/chart-abc.png>');
  });

  it('the social card finds the date and the headline figure', () => {
    const read = readIssuePage(out, 'claims', url, 'none');
    expect(read.$(PAGE_SELECTOR.issueDate).first().text()).toBe('January 22, 2026');
    const fig = read.prose.find(PAGE_SELECTOR.namedFigure).filter((_, e) => read.$(e).attr(PAGE_ATTR.figure) === 'claims');
    expect([fig.text(), fig.attr(PAGE_ATTR.note), fig.attr(PAGE_ATTR.illustrative)]).toEqual(['201,000', 'Weekly claims. Source: x.csv', '']);
  });
});
