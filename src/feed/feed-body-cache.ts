import { createHash } from 'node:crypto';
import path from 'node:path';
import { codeVersion } from '../code-version.ts';
import { projectRoot } from '../paths.ts';
import { readCacheJson, writeAtomic } from '../cache-file.ts';
import type { FeedHtml } from './feed-html.ts';

/** The code a feed item's body depends on besides the issue itself (whose page key covers data, specs and chart code). */
const FEED_CODE = { folders: ['src/feed', 'src/components', 'src/figures', 'src/issues'], files: ['src/site.ts', 'src/escape.ts'], packages: ['astro', '@astrojs/mdx'] };

/**
 * A feed item's body from `.tally-cache/feed/`, or made by `make` and stored: the feed renders
 * the latest issues in full on every build, which costs as much as their pages. Keyed by the
 * issue page's key (issues/page-key.ts), the item's link and the feed code; without a page key
 * (an issue not rendered here before) the body is always made.
 */
export async function cachedFeedBody(pageKey: string | undefined, link: string, make: () => Promise<FeedHtml>): Promise<FeedHtml> {
  if (!pageKey) return make();
  const root = projectRoot();
  const key = createHash('sha256').update(`${codeVersion(root, FEED_CODE)}\0${pageKey}\0${link}`).digest('hex');
  const file = path.join(root, '.tally-cache', 'feed', `${key}.json`);
  const hit = readCacheJson(file) as Partial<FeedHtml> | undefined;
  if (typeof hit?.html === 'string' && typeof hit.illustrative === 'boolean') return hit as FeedHtml;
  const body = await make();
  writeAtomic(file, JSON.stringify(body));
  return body;
}
