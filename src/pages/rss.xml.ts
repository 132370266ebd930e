import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { feedItem } from './_lib/feed-items.ts';
import { listIssues } from '../issues/list-issues.ts';
import { SITE, siteUrl } from '../core/site.ts';
import { escapeHtml } from '../core/escape.ts';
import { FEED_XMLNS } from '../renditions/feed/feed-corrections.ts';

/** How many issues the feed carries: full content makes each item heavy; the archive has the rest. */
export const FEED_ITEMS = 30;

/** The full-content feed: the latest published issues, newest first, figures as text and charts as PNGs. */
export const GET: APIRoute = async (context) => {
  const site = siteUrl(context.site);
  const issues = (await listIssues()).slice(0, FEED_ITEMS);
  const items = [];
  // One at a time: each render computes the issue's figures and charts (cached), in order.
  for (const issue of issues) items.push(await feedItem(issue, site));
  return rss({
    title: SITE.name,
    description: SITE.description,
    site,
    items,
    customData: `<language>${escapeHtml(SITE.language)}</language>`,
    // Declared for a corrected item's <dcterms:modified> (feed-corrections.ts).
    xmlns: FEED_XMLNS,
    trailingSlash: true,
  });
};
