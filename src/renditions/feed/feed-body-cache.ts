import { store } from '../../cache/stores.ts';
import type { FeedHtml } from './feed-html.ts';

/**
 * A feed item's body from `.tally-cache/feed/`, or made by `make` and stored: the feed renders
 * the latest issues in full on every build, which costs as much as their pages. Keyed by the
 * issue page's key (issues/page-key.ts), the item's link and the feed code; without a page key
 * (an issue not rendered here before) the body is always made.
 */
export async function cachedFeedBody(pageKey: string | undefined, link: string, make: () => Promise<FeedHtml>): Promise<FeedHtml> {
  if (!pageKey) return make();
  const feed = store('feed');
  const key = feed.key(pageKey, link);
  const hit = feed.readJson(key) as Partial<FeedHtml> | undefined;
  if (typeof hit?.html === 'string' && typeof hit.illustrative === 'boolean') return hit as FeedHtml;
  const body = await make();
  feed.write(key, JSON.stringify(body));
  return body;
}
