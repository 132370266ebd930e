/**
 * The email's stylesheet, inlined into style attributes by juice and then dropped. Colours are
 * the site's light palette (src/styles/global.css) written out: mail clients do not resolve
 * CSS variables. Sizes are px (rem is not supported everywhere); no shorthand `font:`, no
 * flex or grid, no hover or focus rules: nothing an email client may ignore carries content.
 */

/** Width of the email column, and of its content inside the padding (charts are drawn to fit). */
export const EMAIL_WIDTH = 600;
export const PADDING = 24;
export const CONTENT_WIDTH = EMAIL_WIDTH - 2 * PADDING;

const FG = '#1c1f24';
const MUTED = '#5b616b';
const RULE = '#e2e0da';
const ACCENT = '#1f6f8b';
const PAGE_BG = '#fbfaf7';
const SERIF = "Georgia, 'Times New Roman', Times, serif";
const SANS = "Inter, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const EMAIL_CSS = `
body { margin: 0; padding: 0; }
.outer { padding: 0; background-color: ${PAGE_BG}; }
.column { width: 100%; max-width: ${EMAIL_WIDTH}px; margin: 0 auto; background-color: #ffffff; }
.masthead { padding: 20px ${PADDING}px 16px; border-bottom: 1px solid ${RULE}; font-family: ${SANS}; font-size: 14px; line-height: 20px; color: ${MUTED}; }
.site-name { font-family: ${SANS}; font-size: 20px; font-weight: bold; color: ${FG}; text-decoration: none; }
.head { padding: 8px ${PADDING}px 4px; border-bottom: 1px solid ${RULE}; font-family: ${SERIF}; color: ${FG}; }
.main { padding: 16px ${PADDING}px 8px; font-family: ${SERIF}; font-size: 17px; line-height: 27px; color: ${FG}; }
.footer { padding: 16px ${PADDING}px 28px; border-top: 1px solid ${RULE}; font-family: ${SANS}; font-size: 13px; line-height: 20px; color: ${MUTED}; }
h1 { font-family: ${SANS}; font-size: 30px; line-height: 36px; font-weight: bold; color: ${FG}; margin: 20px 0 10px; }
h2 { font-family: ${SANS}; font-size: 22px; line-height: 28px; font-weight: bold; color: ${FG}; margin: 32px 0 8px; }
h3, h4, h5, h6 { font-family: ${SANS}; font-size: 18px; line-height: 24px; font-weight: bold; color: ${FG}; margin: 24px 0 8px; }
p { margin: 0 0 18px; }
ul, ol { margin: 0 0 18px; padding-left: 24px; }
li { margin: 0 0 6px; }
blockquote { margin: 0 0 18px; padding-left: 14px; border-left: 3px solid ${ACCENT}; color: ${MUTED}; }
a { color: ${ACCENT}; text-decoration: underline; }
sup { font-size: 11px; line-height: 0; }
img { border: 0; }
.main table { border-collapse: collapse; }
.main th, .main td { padding: 4px 8px; border-bottom: 1px solid ${RULE}; text-align: left; font-family: ${SANS}; font-size: 14px; }
pre, code { font-family: Menlo, Consolas, 'Courier New', monospace; font-size: 14px; }
.dek { font-size: 19px; line-height: 28px; color: ${MUTED}; margin: 0 0 10px; }
.byline { font-family: ${SANS}; font-size: 14px; line-height: 20px; color: ${MUTED}; margin: 0 0 8px; }
.web-link { font-family: ${SANS}; font-size: 14px; line-height: 20px; margin: 0 0 16px; }
.chart { margin: 28px 0; }
.chart-title { font-family: ${SANS}; font-size: 16px; line-height: 22px; font-weight: bold; color: ${FG}; margin: 0 0 2px; }
.chart-desc { font-family: ${SANS}; font-size: 14px; line-height: 20px; color: ${MUTED}; margin: 0 0 10px; }
.chart-img { display: block; width: 100%; max-width: ${CONTENT_WIDTH}px; height: auto; border: 0; background-color: #ffffff; }
.chart-source { font-family: ${SANS}; font-size: 12px; line-height: 17px; color: ${MUTED}; margin: 8px 0 2px; }
.chart-link { font-family: ${SANS}; font-size: 13px; line-height: 18px; margin: 0; }
.note { margin: 0 0 8px; }
`;
