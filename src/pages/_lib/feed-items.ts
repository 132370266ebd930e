import type { RSSFeedItem } from '@astrojs/rss';
import type { CollectionEntry } from 'astro:content';
import { issuePath } from '../../core/site.ts';
import { issueDir, loadIssueFigures } from '../../issues/load-issue-figures.ts';
import { issueCorrections } from '../../lock/corrections.ts';
import { readerFrontmatter } from '../../issues/reader-frontmatter.ts';
import { issuePageKey } from '../../build/page-key.ts';
import { cachedFeedBody } from '../../renditions/feed/feed-body-cache.ts';
import { feedCorrections } from '../../renditions/feed/feed-corrections.ts';
import { toFeedHtml } from '../../renditions/feed/feed-html.ts';
import { renderIssueHtml } from './render-issue-html.ts';

const ILLUSTRATIVE_NOTE =
  '<p><small><sup>*</sup> Computed from illustrative data, not from a real series: see the data sources on the issue page.</small></p>';

/** One full-content feed item per issue: the rendered body, made safe and absolute for feed readers. */
export async function feedItem(issue: CollectionEntry<'issues'>, site: URL): Promise<RSSFeedItem> {
  const link = new URL(issuePath(issue.id), site);
  const pageKey = await issuePageKey(issue.id, issue.data, issueDir(issue.id));
  const body = await cachedFeedBody(pageKey, link.href, async () => toFeedHtml(await renderIssueHtml(issue), link));
  const { date, tags } = issue.data;
  const { title, summary } = await readerFrontmatter(issue);
  // A corrected issue says so first, lists its corrections last, and carries the day of the latest.
  const corrections = issueCorrections(issue.id);
  const figures = corrections.length ? (await loadIssueFigures(issue.id, issue.data.asOf)).figures : undefined;
  const corrected = feedCorrections(corrections, link, (name) => figures?.get(name)?.description);
  return {
    title,
    link: link.href,
    // A calendar date, published at midnight UTC: no time-zone shift of the day.
    pubDate: new Date(`${date}T00:00:00Z`),
    description: summary,
    content: (corrected?.before ?? '') + body.html + (body.illustrative ? ILLUSTRATIVE_NOTE : '') + (corrected?.after ?? ''),
    categories: tags,
    ...(corrected ? { customData: corrected.customData } : {}),
  };
}
