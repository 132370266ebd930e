import { cardFactsOf, clean, readIssuePage } from '../email/read-issue-page.ts';
import type { CardFacts } from '../page-facts.ts';
import { fail, TallyError } from '../../core/errors.ts';
import { cachedSvgToPng } from '../png/png-cache.ts';
import { SITE } from '../../core/site.ts';
import { headlineFigure } from '../../issues/frontmatter-texts.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, type CardText } from './card-svg.ts';

/** `og/<slug>.png`, relative to the output folder and to the site root (Base.astro links it). */
export const cardPath = (slug: string): string => `og/${slug}.png`;

/**
 * Draws the 1200x630 Open Graph image of one built issue page, from the page itself (title,
 * date, the headline figure's value as the page shows it) and the front matter's `headline:`
 * name. `facts`, when the email has just read them off the same page, spare parsing it again.
 * Returns the PNG and the warnings for the build log (a headline the prose never shows).
 */
export async function drawCard(outDir: string, slug: string, headline: string | undefined, facts?: CardFacts): Promise<{ png: Buffer; warnings: string[] }> {
  const { card, file, warnings } = cardTextOf(outDir, slug, headline, facts);
  const { png, width, height } = await cachedSvgToPng(cardSvg(card), 1, { stage: 'drawing the social card', issue: slug, file }).catch((e: Error) =>
    e instanceof TallyError ? Promise.reject(e) : fail('SocialCard', { file }, file, `resvg failed: ${e.message}`),
  );
  if (width !== CARD_WIDTH || height !== CARD_HEIGHT) fail('SocialCard', { file }, file, `the image came out ${width}x${height}`);
  return { png, warnings };
}

/** What the card of one built issue page shows: the site's name and tagline, and the page's own text. */
export function cardTextOf(outDir: string, slug: string, headline: string | undefined, facts?: CardFacts): { card: CardText; file: string; warnings: string[] } {
  // Only the site URL of the page is unused here: any absolute base will do.
  const page = facts ?? cardFactsOf(readIssuePage(outDir, slug, new URL('https://invalid.example/'), 'none'));
  const warnings: string[] = [];
  const card: CardText = {
    siteName: SITE.name,
    tagline: SITE.tagline,
    title: page.title,
    date: page.date,
    summary: page.summary,
    headline: headline === undefined ? undefined : headlineOf(page, headlineFigure(headline), warnings),
  };
  return { card, file: page.file, warnings };
}

/** The headline figure as the page renders it: its text, its description (the note up to its source) and whether it is illustrative. */
function headlineOf(page: CardFacts, name: string, warnings: string[]): CardText['headline'] {
  const el = page.figures.get(name);
  if (!el) {
    warnings.push(`${page.file}: the headline figure "${name}" does not appear in the issue's prose, so its social card shows the summary instead.`);
    return undefined;
  }
  const cut = el.note.indexOf('. Source: ');
  // The headline as the page says readers see it (a `{{figure|format}}` headline differs from the prose's figure).
  return { value: clean(page.headlineText || el.text), description: clean(cut < 0 ? el.note : el.note.slice(0, cut)), illustrative: el.illustrative };
}
