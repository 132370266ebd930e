import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import juice from 'juice';
import { escapeHtml } from '../../src/core/escape.ts';
import { PAGE_ATTR, PAGE_SELECTOR } from '../../src/core/page-markup.ts';
import { chartBlock, toEmailBody } from '../../src/renditions/email/email-body.ts';
import type { EmailChart } from '../../src/renditions/email/email-charts.ts';
import { EMAIL_CHART_ATTR } from '../../src/renditions/email/email-markup.ts';
import { EMAIL_CSS } from '../../src/renditions/email/email-styles.ts';

/**
 * The code the email's main thread ran before it was made cheaper, kept as the oracle its
 * replacement must match byte for byte: charts and figures replaced by markup parsed one
 * element at a time, juice given the document's text (parsed and written by juice, then parsed
 * again), and colours resolved by a regular expression.
 */

/** toEmailBody with each chart and figure replaced by its own parse; the rest is toEmailBody's. */
export function oracleToEmailBody($: CheerioAPI, prose: Cheerio<Element>, charts: ReadonlyMap<string, EmailChart>, pageUrl: URL): boolean {
  prose.find(PAGE_SELECTOR.chart).each((_, el) => {
    const chart = charts.get($(el).attr('id') ?? '');
    $(el).replaceWith(chart ? chartBlock(chart, pageUrl) : '');
  });
  let illustrative = false;
  prose.find(PAGE_SELECTOR.fig).each((_, el) => {
    const fig = $(el);
    const mark = fig.attr(PAGE_ATTR.illustrative) !== undefined;
    illustrative ||= mark;
    fig.replaceWith(escapeHtml(fig.text()) + (mark ? '<sup>*</sup>' : ''));
  });
  // No chart or figure is left for it to replace: it drops and cleans the rest.
  toEmailBody($, prose, charts, pageUrl);
  return illustrative;
}

/** The finished email from the document's markup (emailMarkup), as emailDocument wrote it. */
export function oracleEmailHtml(markup: string): string {
  const inlined = juice(markup, {
    extraCss: EMAIL_CSS,
    removeStyleTags: true,
    preserveMediaQueries: false,
    preserveFontFaces: false,
    preserveKeyFrames: false,
    preservePseudos: false,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    resolveCSSVariables: true,
  });
  const $ = load(inlined);
  $('[class]').removeAttr('class');
  $(`[${EMAIL_CHART_ATTR}]`).removeAttr(EMAIL_CHART_ATTR);
  return $.html();
}

/** resolveColours as a regular expression with a callback: the one the compaction's reference keeps. */
export { resolveColours as oracleResolveColours } from '../charts/compact-svg-reference/css-colours.ts';
