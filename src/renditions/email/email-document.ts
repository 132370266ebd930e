import { load } from 'cheerio';
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

/**
 * The complete email document: the issue's header, its prose and a footer in a 600px column,
 * one table cell per part (Outlook on Windows pads only table cells), held at 600px by
 * max-width and, for Outlook on Windows, which ignores max-width, by a fixed-width table in a
 * conditional comment. The stylesheet is inlined into style attributes by juice; nothing is
 * left that a mail client would strip to the reader's loss: no <style>, no class, no script,
 * no SVG, no CSS variable.
 */
export function emailDocument(p: EmailParts): string {
  const e = escapeHtml;
  const html = `<!doctype html>
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
  const inlined = juice(html, {
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
  // Classes and data-* attributes served only to inline the styles and find the charts.
  const $ = load(inlined);
  $('[class]').removeAttr('class');
  $(`[${EMAIL_CHART_ATTR}]`).removeAttr(EMAIL_CHART_ATTR);
  return $.html();
}
