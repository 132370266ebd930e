import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { fail } from '../errors.ts';
import { mapLimit } from '../map-limit.ts';
import { siteUrl } from '../site.ts';
import { emailDocument, ILLUSTRATIVE_NOTE } from './email-document.ts';
import { renderEmailChart, type EmailChart } from './email-charts.ts';
import { toEmailBody } from './email-body.ts';
import { checkEmailSafe } from './check-email-safe.ts';
import { toEmailText } from './email-text.ts';
import { listIssuePages, readIssuePage } from './read-issue-page.ts';

/**
 * `astro:build:done`: writes <outDir>/email/<slug>.html and <slug>.txt for every issue page of
 * the build, and each chart as <outDir>/email/charts/<chart-id>.png. `site` is the config's
 * absolute site URL: every link and image in an email is absolute.
 */
export async function writeEmails(dir: URL, configSite: string | undefined, logger: AstroIntegrationLogger): Promise<void> {
  const site = siteUrl(configSite === undefined ? undefined : new URL(configSite));
  const outDir = fileURLToPath(dir);
  const slugs = listIssuePages(outDir);
  const counts = await mapLimit(slugs, 4, (slug) => writeEmail(outDir, slug, site));
  const charts = counts.reduce((a, b) => a + b, 0);
  logger.info(`Email: wrote ${slugs.length} issue${slugs.length === 1 ? '' : 's'} and ${charts} chart PNG${charts === 1 ? '' : 's'} into email/.`);
}

async function writeEmail(outDir: string, slug: string, site: URL): Promise<number> {
  const page = readIssuePage(outDir, slug, site);
  const { $, prose } = page;
  const figures = prose.find('figure.chart').toArray();
  const rendered = await Promise.all(figures.map((f) => renderEmailChart($, $(f), outDir, site, page.file)));
  const charts = new Map<string, EmailChart>(rendered.map((c) => [c.id, c]));
  const illustrative = toEmailBody($, prose, charts, page.url);
  const text = [
    `${page.title}\n${'='.repeat(Math.min(page.title.length, 72))}`,
    page.summary,
    page.byline,
    `Read this issue on the web, with the source of every number: ${page.url.href}`,
    ...toEmailText($, prose, charts),
    ...(illustrative ? [ILLUSTRATIVE_NOTE] : []),
    `Read on the web: ${page.url.href}`,
  ].join('\n\n');
  const html = emailDocument({ title: page.title, summary: page.summary, byline: page.byline, bodyHtml: $.html(prose.contents()), pageUrl: page.url, site, illustrative });
  const problems = checkEmailSafe(html);
  if (problems.length) fail('EmailRendition', { file: page.file }, page.file, problems.join('; '));
  const base = path.join(outDir, 'email', slug);
  await fs.mkdir(path.dirname(base), { recursive: true });
  await fs.writeFile(`${base}.html`, html);
  await fs.writeFile(`${base}.txt`, `${text}\n`);
  return charts.size;
}
