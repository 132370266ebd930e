import fs from 'node:fs';
import path from 'node:path';
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { fail } from '../errors.ts';
import { issuePath } from '../site.ts';

/** A built issue page, parsed: what the email and the social card are made from. */
export interface IssuePage {
  slug: string;
  /** `issues/<slug>/index.html`, relative to the output folder (for messages). */
  file: string;
  /** The page's absolute URL on the site. */
  url: URL;
  $: CheerioAPI;
  title: string;
  summary: string;
  /** "By Tally desk · January 22, 2026 · data as of January 21, 2026". */
  byline: string;
  /** The article's body: paragraphs, headings, `.fig` spans and `figure.chart`s. */
  prose: Cheerio<Element>;
}

/** Slugs of the issue pages in a build output folder (`issues/<slug>/index.html`), sorted. */
export function listIssuePages(outDir: string): string[] {
  const dir = path.join(outDir, 'issues');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

/** Reads and parses one built issue page with a real HTML parser (parse5, through cheerio). */
export function readIssuePage(outDir: string, slug: string, site: URL, charts: 'light' | 'none' = 'light'): IssuePage {
  const file = `issues/${slug}/index.html`;
  const $ = load(withoutUnused(fs.readFileSync(path.join(outDir, file), 'utf8'), charts));
  const article = $('article.issue').first();
  if (!article.length) fail('EmailRendition', { file }, file, 'the page has no <article class="issue">');
  const prose = article.find('.prose').first();
  if (!prose.length) fail('EmailRendition', { file }, file, 'the article has no <div class="prose">');
  return {
    slug,
    file,
    url: new URL(issuePath(slug), site),
    $,
    title: clean(article.find('h1').first().text()),
    summary: clean(article.find('.dek').first().text()),
    byline: clean(article.find('.issue-meta').first().text()),
    prose,
  };
}

/**
 * Drops what no rendition uses before parsing: chart data tables, dark chart variants, and all
 * chart SVG for the social card. A chart of many points is most of a page's bytes, and parsing
 * it twice per issue was most of the build's end. The markup matched is Chart.astro's own.
 */
function withoutUnused(html: string, charts: 'light' | 'none'): string {
  const lean = html.replace(/<details class="chart-data"[\s\S]*?<\/details>/g, '');
  return charts === 'none'
    ? lean.replace(/<svg\b[^>]*class="chart-svg [^"]*"[\s\S]*?<\/svg>/g, '')
    : lean.replace(/<svg\b[^>]*class="chart-svg chart-svg--dark"[\s\S]*?<\/svg>/g, '');
}

/** Text with runs of white space made one space, trimmed. */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
