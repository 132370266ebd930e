import fs from 'node:fs';
import path from 'node:path';
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { fail } from '../../core/errors.ts';
import { PAGE_ATTR, PAGE_CLASS, PAGE_SELECTOR } from '../../core/page-markup.ts';
import { issuePath } from '../../core/site.ts';
import { issueArticleHtml, leanIssueHtml, setAsideWideSvgs } from '../lean-page.ts';
import type { CardFacts } from '../page-facts.ts';

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
  /** The article's body: paragraphs, headings, figures and charts. */
  prose: Cheerio<Element>;
  /** The "Corrections" section after the article, when the issue has been corrected. */
  corrections: Cheerio<Element> | undefined;
  /** The wide chart SVGs as written, set aside before parsing (SVG_INDEX_ATTR points here). */
  svgs: string[];
}

/** Reads and parses one built issue page with a real HTML parser (parse5, through cheerio). */
export function readIssuePage(outDir: string, slug: string, site: URL, charts: 'wide' | 'none' = 'wide'): IssuePage {
  const file = `issues/${slug}/index.html`;
  const lean = issueArticleHtml(leanIssueHtml(fs.readFileSync(path.join(outDir, file)), charts));
  const { html, svgs } = charts === 'wide' ? setAsideWideSvgs(lean) : { html: lean, svgs: [] };
  const $ = load(html);
  const article = $(PAGE_SELECTOR.article).first();
  if (!article.length) fail('EmailRendition', { file }, file, `the page has no <article class="${PAGE_CLASS.issue}">`);
  const prose = article.find(PAGE_SELECTOR.prose).first();
  if (!prose.length) fail('EmailRendition', { file }, file, `the article has no <div class="${PAGE_CLASS.prose}">`);
  return {
    slug,
    file,
    url: new URL(issuePath(slug), site),
    $,
    title: clean(article.find('h1').first().text()),
    summary: clean(article.find(PAGE_SELECTOR.dek).first().text()),
    byline: clean(article.find(PAGE_SELECTOR.issueMeta).first().text()),
    prose,
    corrections: $(PAGE_SELECTOR.corrections).first().length ? $(PAGE_SELECTOR.corrections).first() : undefined,
    svgs,
  };
}

/** What the social card shows of the page (draw-card.ts), read before anything changes the parsed page. */
export function cardFactsOf(page: IssuePage): CardFacts {
  const { $ } = page;
  const figures: CardFacts['figures'] = new Map();
  page.prose.find(PAGE_SELECTOR.namedFigure).each((_, e) => {
    const el = $(e);
    const name = el.attr(PAGE_ATTR.figure)!;
    if (!figures.has(name)) figures.set(name, { text: el.text(), note: el.attr(PAGE_ATTR.note) ?? '', illustrative: el.attr(PAGE_ATTR.illustrative) !== undefined });
  });
  return {
    file: page.file,
    title: page.title,
    summary: page.summary,
    date: clean($(PAGE_SELECTOR.issueDate).first().text()),
    headlineText: $(PAGE_SELECTOR.article).first().attr(PAGE_ATTR.headlineText),
    figures,
  };
}

/** Text with runs of white space made one space, trimmed. */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
