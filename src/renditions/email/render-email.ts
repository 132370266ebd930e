import { fail } from '../../core/errors.ts';
import { PAGE_SELECTOR } from '../../core/page-markup.ts';
import type { OutputFile } from '../../cache/output-cache.ts';
import { emailDocument, ILLUSTRATIVE_NOTE } from './email-document.ts';
import { chartPngPath, renderEmailChart, type EmailChart } from './email-charts.ts';
import { toEmailBody } from './email-body.ts';
import { checkEmailSafe } from './check-email-safe.ts';
import { toEmailText } from './email-text.ts';
import { emailPreview, emailPreviewPath } from './email-preview.ts';
import { cardFactsOf, readIssuePage } from './read-issue-page.ts';
import type { CardFacts } from '../page-facts.ts';

/**
 * The email rendition of one built issue page, as the files it adds to the output folder:
 * `email/<slug>.html`, `email/<slug>.txt`, `email/charts/<chart-id>.png` per chart, and the
 * editor's copy with site-relative URLs, `email/preview/<slug>.html` (email-preview.ts). Fails
 * with EmailRendition, naming the page, when the document would not be safe to send. `card`:
 * what the social card shows of the page, read before the email changes the parsed page.
 */
export async function renderEmail(outDir: string, slug: string, site: URL): Promise<{ files: OutputFile[]; charts: number; card: CardFacts }> {
  const page = readIssuePage(outDir, slug, site);
  const card = cardFactsOf(page);
  const { $, prose } = page;
  const figures = prose.find(PAGE_SELECTOR.chart).toArray();
  const rendered = await Promise.all(figures.map((f) => renderEmailChart($, $(f), site, page.file, page.svgs)));
  const charts = new Map<string, EmailChart>(rendered.map(({ chart }) => [chart.id, chart]));
  const illustrative = toEmailBody($, prose, charts, page.url);
  // The corrections follow the prose, made email-safe the same way (their links made absolute).
  const corrections = page.corrections;
  if (corrections) toEmailBody($, corrections, charts, page.url);
  const text = [
    `${page.title}\n${'='.repeat(Math.min(page.title.length, 72))}`,
    page.summary,
    page.byline,
    `Read this issue on the web, with the source of every number: ${page.url.href}`,
    ...toEmailText($, prose, charts),
    ...(corrections ? toEmailText($, corrections, charts) : []),
    ...(illustrative ? [ILLUSTRATIVE_NOTE] : []),
    `Read on the web: ${page.url.href}`,
  ].join('\n\n');
  const parsed = emailDocument({ title: page.title, summary: page.summary, byline: page.byline, bodyHtml: $.html(prose.contents()) + (corrections ? $.html(corrections.contents()) : ''), pageUrl: page.url, site, illustrative });
  const html = parsed.html();
  // The document as parsed for the check, which only reads it, and then the preview, which changes it.
  const problems = checkEmailSafe(html, parsed);
  if (problems.length) fail('EmailRendition', { file: page.file }, page.file, problems.join('; '));
  const files = [
    { path: `email/${slug}.html`, bytes: Buffer.from(html) },
    { path: emailPreviewPath(slug), bytes: Buffer.from(emailPreview(html, site, parsed)) },
    { path: `email/${slug}.txt`, bytes: Buffer.from(`${text}\n`) },
    ...rendered.map(({ chart, png }) => ({ path: chartPngPath(chart.id), bytes: png })),
  ];
  return { files, charts: rendered.length, card };
}
