import { load } from 'cheerio';
import juice from 'juice';
import { CHART_PALETTES, type ColourRole, type ThemeName } from '../../src/charts/theme.ts';
import { EMAIL_CHART_ATTR } from '../../src/renditions/email/email-markup.ts';
import { EMAIL_CSS } from '../../src/renditions/email/email-styles.ts';

/**
 * The code the email's main thread ran before it was made cheaper, kept as the oracle its
 * replacement must match byte for byte: juice given the document's text (parsed and written
 * by juice, then parsed again), and colours resolved by a regular expression.
 */

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

/** resolveColours as a regular expression with a callback. */
export function oracleResolveColours(svg: string, theme: ThemeName = 'light'): string {
  const palette = CHART_PALETTES[theme];
  return svg.replace(/\sstyle="([^"]*var\(--chart-[^"]*)"/g, (_m, style: string) => {
    const attrs: string[] = [];
    const kept: string[] = [];
    for (const decl of style.split(';')) {
      const m = /^(fill|stroke|stop-color):var\(--chart-([a-z0-9]+)\)$/.exec(decl.trim());
      const role = m?.[2] as ColourRole | undefined;
      if (m && role && role in palette) attrs.push(` ${m[1]}="${palette[role]}"`);
      else if (decl.trim()) kept.push(decl);
    }
    return attrs.join('') + (kept.length ? ` style="${kept.join(';')}"` : '');
  });
}
