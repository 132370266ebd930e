import { createHash } from 'node:crypto';
import type { IssuePageDigest } from '../page-digests.ts';

/** About how many issue pages one shard of the search index holds. */
export const SHARD_PAGES = 64;

/** One Pagefind index of the site's search: the issue pages whose slug hashes to its bucket, in slug order. */
export interface SearchShard {
  bucket: number;
  pages: IssuePageDigest[];
}

/**
 * Tests only: TALLY_TEST_SEARCH_SHARD_PAGES sets the shard size, so a fixture of a few issues
 * has several shards. Not an author's option: the size only trades build time for requests.
 */
export function shardPages(): number {
  const n = Number(process.env.TALLY_TEST_SEARCH_SHARD_PAGES);
  return Number.isInteger(n) && n > 0 ? n : SHARD_PAGES;
}

/** The number of buckets for `n` pages: the least power of two that keeps them near `size` pages each. */
export function shardCount(n: number, size = SHARD_PAGES): number {
  let count = 1;
  while (count * size < n) count *= 2;
  return count;
}

/**
 * The bucket of an issue by its slug alone, so a new or removed issue moves no other. When the
 * count doubles (every time the archive doubles past a multiple of the size), each bucket
 * splits in two: b keeps about half its pages and hands the others to b + the old count.
 */
export function shardOf(slug: string, count: number): number {
  return createHash('sha256').update(slug).digest().readUInt32BE(0) % count;
}

/** The issue pages in their shards, by bucket; empty buckets are left out. */
export function searchShards(pages: readonly IssuePageDigest[], size = SHARD_PAGES): SearchShard[] {
  const count = shardCount(pages.length, size);
  const buckets = new Map<number, IssuePageDigest[]>();
  for (const page of [...pages].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) {
    const bucket = shardOf(page.slug, count);
    const into = buckets.get(bucket);
    if (into) into.push(page);
    else buckets.set(bucket, [page]);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([bucket, shardPages]) => ({ bucket, pages: shardPages }));
}
