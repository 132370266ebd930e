import { load, type CheerioAPI } from 'cheerio';
import juice from 'juice';
import { escapeHtml } from '../../core/escape.ts';
import { SITE } from '../../core/site.ts';
import { EMAIL_CHART_ATTR, EMAIL_CLASS } from './email-markup.ts';
import { EMAIL_CSS, EMAIL_WIDTH } from './email-styles.ts';

export interface EmailParts {
  title: string;
  summary: string;
  byline: string;
  /** The prose, already made email-safe (toEmailBody). */
  bodyHtml: string;
  pageUrl: URL;
  site: URL;
  illustrative: boolean;
}

export const ILLUSTRATIVE_NOTE = '* Computed from illustrative data, not from a real series: see the sources on the web page.';

const JUICE_OPTIONS: juice.Options = {
  extraCss: EMAIL_CSS,
  removeStyleTags: true,
  preserveMediaQueries: false,
  preserveFontFaces: false,
  preserveKeyFrames: false,
  preservePseudos: false,
  applyWidthAttributes: false,
  applyHeightAttributes: false,
  resolveCSSVariables: true,
  // EMAIL_CSS holds no at-rule or ignore comment juice would keep in a <style>: asking for the
  // kept rules parsed the whole stylesheet a second time for every email, to add nothing.
  insertPreservedExtraCss: false,
};

/**
 * The complete email document: the issue's header, its prose and a footer in a 600px column,
 * one table cell per part (Outlook on Windows pads only table cells), held at 600px by
 * max-width and, for Outlook on Windows, which ignores max-width, by a fixed-width table in a
 * conditional comment. The stylesheet is inlined into style attributes by juice; nothing is
 * left that a mail client would strip to the reader's loss: no <style>, no class, no script,
 * no SVG, no CSS variable. Returned parsed, for the caller to check and copy without parsing
 * it again; its `html()` is the email.
 */
export function emailDocument(p: EmailParts): CheerioAPI {
  const html = emailMarkup(p);
  // Parsed once, by the parser that reads the finished email, and inlined in place: handing
  // juice the text made it parse the document with its own parser and serialize it, for the
  // result to be parsed again. Juice's own path stays for a document holding a template tag
  // it sets aside before parsing ({{ }}, <% %>…), whose result only that path gives.
  const $ = holdsCodeBlock(html) ? load(juice(html, JUICE_OPTIONS)) : juice.juiceDocument(load(html), JUICE_OPTIONS) as CheerioAPI;
  // Classes and data-* attributes served only to inline the styles and find the charts.
  $('[class]').removeAttr('class');
  $(`[${EMAIL_CHART_ATTR}]`).removeAttr(EMAIL_CHART_ATTR);
  return $;
}

const holdsCodeBlock = (html: string): boolean => Object.values(juice.codeBlocks).some((b) => html.includes(b.start));

/** The document before its stylesheet is inlined: classes mark what EMAIL_CSS styles. */
export function emailMarkup(p: EmailParts): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${e(SITE.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${e(p.title)} · ${e(SITE.name)}</title>
</head>
<body>
<div class="outer">
<!--[if mso]><table role="presentation" width="${EMAIL_WIDTH}" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="column" width="100%" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td class="masthead"><a class="site-name" href="${e(p.site.href)}">${e(SITE.name)}</a> · ${e(SITE.tagline)}</td></tr>
<tr><td class="head">
<h1>${e(p.title)}</h1>
<p class="${EMAIL_CLASS.dek}">${e(p.summary)}</p>
<p class="byline">${e(p.byline)}</p>
<p class="web-link"><a href="${e(p.pageUrl.href)}">Read this issue on the web</a>, with the source of every number.</p>
</td></tr>
<tr><td class="main">
${p.bodyHtml}
</td></tr>
<tr><td class="footer">
${p.illustrative ? `<p class="note">${e(ILLUSTRATIVE_NOTE)}</p>` : ''}
<p class="note">${e(SITE.name)}: every number in this email is computed from data at build time. The web page shows where each one comes from: <a href="${e(p.pageUrl.href)}">${e(p.pageUrl.href)}</a></p>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</div>
</body>
</html>
`;
}
