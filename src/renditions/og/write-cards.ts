import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { outputCacheDir, restoreCachedOutput, storeCachedOutput, writeOutputFiles } from '../../cache/output-cache.ts';
import type { IssuePageDigest } from '../page-digests.ts';
import { forgetCardFacts, takeCardFacts } from '../page-facts.ts';
import { parseFrontmatter } from '../../issues/check-frontmatter.ts';
import { issuesDir, rel } from '../../core/paths.ts';
import { store } from '../../cache/stores.ts';
import { mapLimit } from '../../core/map-limit.ts';
import { closeRasterPool } from '../png/raster-pool.ts';
import { cardPath, drawCard } from './draw-card.ts';

/** What a card entry notes besides its PNG: the warnings drawing it gave, shown again on every build that reuses it. */
interface CardMeta {
  warnings: string[];
}
const isCardMeta = (v: unknown): v is CardMeta => Array.isArray((v as CardMeta | null)?.warnings) && (v as CardMeta).warnings.every((w) => typeof w === 'string');

/**
 * The key of an issue's card in `.tally-cache/og/`: the page's bytes, its slug, the text of its
 * index.mdx (whose front matter names the `headline:` figure), and the code version. The text,
 * not the parsed name: parsing the front matter of every issue on every build cost more than
 * the rest of a warm build's cards.
 */
export function cardCacheKey(page: IssuePageDigest, source: string, version: string): string {
  return createHash('sha256').update(['og', version, page.slug, page.digest, source].join('\0')).digest('hex');
}

/**
 * `astro:build:done`: writes the Open Graph image of every issue page of the build into
 * <outDir>/og/<slug>.png. A card whose page and headline did not change since a build with
 * the same code is copied from `.tally-cache/og/`, with its warnings logged again.
 */
export async function writeSocialCards(dir: URL, pages: readonly IssuePageDigest[], logger: AstroIntegrationLogger): Promise<void> {
  const outDir = fileURLToPath(dir);
  const cacheDir = outputCacheDir('og');
  const version = store('og').version();
  // The last step that draws PNGs: the rasterizer processes end with it.
  const results = await mapLimit(pages, 4, async (page) => {
    const abs = path.join(issuesDir(), page.slug, 'index.mdx');
    const source = fs.readFileSync(abs, 'utf8');
    const key = cardCacheKey(page, source, version);
    const facts = takeCardFacts(outDir, page);
    const cached = await restoreCachedOutput(cacheDir, key, outDir, isCardMeta);
    if (cached) {
      return { reused: true, warnings: cached.warnings };
    }
    // Read from the very text the key was made of.
    const { headline } = parseFrontmatter(rel(abs), source);
    const { png, warnings } = await drawCard(outDir, page.slug, headline, facts);
    const files = [{ path: cardPath(page.slug), bytes: png }];
    await writeOutputFiles(outDir, files);
    await storeCachedOutput(cacheDir, key, { files, meta: { warnings } satisfies CardMeta }, outDir);
    return { reused: false, warnings };
  }).finally(() => {
    forgetCardFacts();
    return closeRasterPool();
  });
  for (const w of results.flatMap((r) => r.warnings)) logger.warn(w);
  const reused = results.filter((r) => r.reused).length;
  logger.info(`Social cards: wrote ${pages.length} Open Graph image${pages.length === 1 ? '' : 's'} (${reused} reused, ${pages.length - reused} drawn) into og/.`);
}
