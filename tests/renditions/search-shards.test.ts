import { describe, expect, it } from 'vitest';
import { searchShards, shardCount, shardOf } from '../../src/renditions/search/search-shards.ts';

const page = (slug: string) => ({ slug, file: `issues/${slug}/index.html`, digest: `d-${slug}` });
const slugs = (n: number) => Array.from({ length: n }, (_, i) => `issue-${String(i).padStart(4, '0')}`);

describe('search index shards', () => {
  it('uses the least power of two of buckets that keeps them near the size', () => {
    expect([0, 1, 64, 65, 128, 129, 200, 500, 1000].map((n) => shardCount(n, 64))).toEqual([1, 1, 1, 2, 2, 4, 4, 8, 16]);
    expect(shardCount(3, 2)).toBe(2);
  });

  it('puts each page in one shard, in slug order, and leaves no shard empty', () => {
    const pages = slugs(500).reverse().map(page);
    const shards = searchShards(pages, 64);
    expect(shards.map((s) => s.bucket)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(shards.flatMap((s) => s.pages.map((p) => p.slug)).sort()).toEqual(slugs(500));
    for (const s of shards) {
      expect(s.pages.map((p) => p.slug)).toEqual(s.pages.map((p) => p.slug).sort());
      expect(s.pages.length, `shard ${s.bucket}`).toBeGreaterThan(32);
      expect(s.pages.length, `shard ${s.bucket}`).toBeLessThan(100);
    }
    expect(searchShards([page('alpha'), page('beta')], 1).map((s) => s.bucket)).toEqual([1]); // both hash to bucket 1 of 2
  });

  it('moves no other issue when one is added or removed, and splits each bucket in two when the count doubles', () => {
    const where = (list: string[], size = 64) => new Map(searchShards(list.map(page), size).flatMap((s) => s.pages.map((p) => [p.slug, s.bucket] as const)));
    const before = where(slugs(200));
    const added = where([...slugs(200), 'a-new-issue']);
    const removed = where(slugs(200).filter((s) => s !== 'issue-0100'));
    for (const [slug, bucket] of before) {
      expect(added.get(slug), slug).toBe(bucket);
      if (slug !== 'issue-0100') expect(removed.get(slug), slug).toBe(bucket);
    }
    const doubled = where(slugs(257)); // 8 buckets instead of 4
    let moved = 0;
    for (const [slug, bucket] of before) {
      expect([bucket, bucket + 4]).toContain(doubled.get(slug));
      if (doubled.get(slug) !== bucket) moved++;
    }
    expect(moved).toBeGreaterThan(50);
    expect(moved).toBeLessThan(150);
    expect(shardOf('alpha', 4)).toBe(shardOf('alpha', 4));
  });
});
