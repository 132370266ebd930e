import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { clean, listIssuePages, readIssuePage } from '../email/read-issue-page.ts';
import { fail } from '../errors.ts';
import { readIssue } from '../lock/read-issues.ts';
import { cachedSvgToPng } from '../render-png/png-cache.ts';
import { SITE } from '../site.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, type CardText } from './card-svg.ts';
import { mapLimit } from '../map-limit.ts';

/** `og/<slug>.png`, relative to the output folder and to the site root (Base.astro links it). */
export const cardPath = (slug: string): string => `og/${slug}.png`;

/**
 * `astro:build:done`: draws the 1200x630 Open Graph image of every issue page of the build into
 * <outDir>/og/<slug>.png, from the page itself (title, date, the headline figure's value as the
 * page shows it) and the front matter's `headline:` name.
 */
export async function writeSocialCards(dir: URL, logger: AstroIntegrationLogger): Promise<void> {
  const outDir = fileURLToPath(dir);
  const slugs = listIssuePages(outDir);
  await fs.mkdir(path.join(outDir, 'og'), { recursive: true });
  await mapLimit(slugs, 4, (slug) => writeCard(outDir, slug, logger));
  logger.info(`Social cards: drew ${slugs.length} Open Graph image${slugs.length === 1 ? '' : 's'} into og/.`);
}

async function writeCard(outDir: string, slug: string, logger: AstroIntegrationLogger): Promise<void> {
  // Only the site URL of the page is unused here: any absolute base will do.
  const page = readIssuePage(outDir, slug, new URL('https://invalid.example/'), 'none');
  const card: CardText = {
    siteName: SITE.name,
    tagline: SITE.tagline,
    title: page.title,
    date: clean(page.$('.issue-meta time').first().text()),
    summary: page.summary,
    headline: headlineOf(page, slug, logger),
  };
  const { png, width, height } = await cachedSvgToPng(cardSvg(card), 1).catch((e: Error) =>
    fail('SocialCard', { file: page.file }, page.file, `resvg failed: ${e.message}`),
  );
  if (width !== CARD_WIDTH || height !== CARD_HEIGHT) fail('SocialCard', { file: page.file }, page.file, `the image came out ${width}x${height}`);
  await fs.writeFile(path.join(outDir, cardPath(slug)), png);
}

/** The headline figure as the page renders it: its text, its description (the note up to its source) and whether it is illustrative. */
function headlineOf(page: ReturnType<typeof readIssuePage>, slug: string, logger: AstroIntegrationLogger): CardText['headline'] {
  const name = readIssue(slug).data.headline;
  if (name === undefined) return undefined;
  const { $ } = page;
  const el = page.prose.find('[data-figure]').filter((_, e) => $(e).attr('data-figure') === name).first();
  if (!el.length) {
    logger.warn(`${page.file}: the headline figure "${name}" does not appear in the issue's prose, so its social card shows the summary instead.`);
    return undefined;
  }
  const note = el.attr('data-note') ?? '';
  const cut = note.indexOf('. Source: ');
  return { value: clean(el.text()), description: clean(cut < 0 ? note : note.slice(0, cut)), illustrative: el.attr('data-illustrative') !== undefined };
}
