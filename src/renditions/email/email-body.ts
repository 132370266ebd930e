import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { escapeHtml } from '../../core/escape.ts';
import { PAGE_ATTR, PAGE_SELECTOR } from '../../core/page-markup.ts';
import type { EmailChart } from './email-charts.ts';
import { EMAIL_CHART_ATTR, EMAIL_CLASS } from './email-markup.ts';
import { CONTENT_WIDTH } from './email-styles.ts';

/** Elements whose content never belongs in an email (scripts, vector art, interactive parts). */
const DROP = 'script, style, noscript, template, svg, math, iframe, object, embed, video, audio, canvas, form, input, button, select, textarea, details, dialog';
/** Attributes kept, per element; every other attribute (ids, data-*, aria-*, style, tabindex) goes. */
const KEEP: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

/**
 * Turns the prose of an issue page, in place, into email-safe markup: each chart becomes its
 * PNG with a caption and a link to its data on the web page, each figure plain text (a `*` marks
 * one computed from illustrative data), and every link and image URL absolute.
 * Returns whether an illustrative figure was seen.
 */
export function toEmailBody($: CheerioAPI, prose: Cheerio<Element>, charts: ReadonlyMap<string, EmailChart>, pageUrl: URL): boolean {
  replaceEach($, prose.find(PAGE_SELECTOR.chart).toArray(), (el) => {
    const chart = charts.get(el.attribs.id ?? '');
    return chart ? chartBlock(chart, pageUrl) : '';
  });
  let illustrative = false;
  replaceEach($, prose.find(PAGE_SELECTOR.fig).toArray(), (el) => {
    const mark = el.attribs[PAGE_ATTR.illustrative] !== undefined;
    illustrative ||= mark;
    return escapeHtml($(el).text()) + (mark ? '<sup>*</sup>' : '');
  });
  prose.find(DROP).remove();
  prose.find('*').each((_, el) => cleanAttributes($, el, pageUrl));
  prose.find('img').each((_, el) => sizeImage($(el)));
  return illustrative;
}

/**
 * Replaces each element with the markup `html` gives for it, as `$(el).replaceWith(markup)`
 * would, parsed in one go rather than once per element (a parse has a fixed cost, and an
 * issue has dozens of figures): each element's markup is parsed inside a <span> of its own,
 * whose children replace it. The markup is escaped text and whole elements, so no span ends
 * early.
 */
function replaceEach($: CheerioAPI, elements: Element[], html: (el: Element) => string): void {
  if (!elements.length) return;
  const spans = $(elements.map((el) => `<span>${html(el)}</span>`).join('')).toArray();
  elements.forEach((el, i) => $(el).replaceWith((spans[i] as Element).children));
}

/** A chart as the email shows it; the classes are styled by EMAIL_CSS and removed after inlining. */
export function chartBlock(chart: EmailChart, pageUrl: URL): string {
  const alt = chart.description ? `${chart.title}: ${chart.description}` : chart.title;
  const data = new URL(`#${chart.id}`, pageUrl).href;
  return [
    `<div class="${EMAIL_CLASS.chart}" ${EMAIL_CHART_ATTR}="${escapeHtml(chart.id)}">`,
    `<p class="${EMAIL_CLASS.chartTitle}">${escapeHtml(chart.title)}</p>`,
    chart.description ? `<p class="${EMAIL_CLASS.chartDesc}">${escapeHtml(chart.description)}</p>` : '',
    `<img class="${EMAIL_CLASS.chartImg}" src="${escapeHtml(chart.src)}" width="${chart.width}" height="${chart.height}" alt="${escapeHtml(alt)}">`,
    chart.source ? `<p class="${EMAIL_CLASS.chartSource}">${escapeHtml(chart.source)}</p>` : '',
    `<p class="${EMAIL_CLASS.chartLink}"><a href="${escapeHtml(data)}">View the data on the web</a></p>`,
    '</div>',
  ].join('');
}

function cleanAttributes($: CheerioAPI, el: AnyNode, pageUrl: URL): void {
  if (el.type !== 'tag') return;
  const keep = KEEP[el.name] ?? [];
  for (const name of Object.keys(el.attribs)) {
    if (name === EMAIL_CHART_ATTR || (name === 'class' && el.attribs.class !== undefined && /^chart/.test(el.attribs.class))) continue;
    if (!keep.includes(name)) delete el.attribs[name];
  }
  for (const name of ['href', 'src'] as const) {
    const value = el.attribs[name];
    if (value === undefined) continue;
    const url = absolute(value, pageUrl);
    if (url) el.attribs[name] = url;
    else if (name === 'href') $(el).replaceWith($(el).contents());
    else $(el).remove();
  }
}

/** An absolute http(s) or mailto URL, or undefined for one no email should carry (javascript:, data:…). */
function absolute(value: string, pageUrl: URL): string | undefined {
  try {
    const url = new URL(value, pageUrl);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Images from the prose keep their own width and height when they have them, shrunk to the
 * column; without them they get the column width (mail clients need a width to lay out).
 */
function sizeImage(img: Cheerio<Element>): void {
  if (img.attr('alt') === undefined) img.attr('alt', '');
  const w = Number(img.attr('width'));
  const h = Number(img.attr('height'));
  if (w > CONTENT_WIDTH && h > 0) img.attr('width', String(CONTENT_WIDTH)).attr('height', String(Math.round((h * CONTENT_WIDTH) / w)));
  else if (!(w > 0)) img.attr('width', String(CONTENT_WIDTH));
  img.attr('class', EMAIL_CLASS.chartImg);
}
