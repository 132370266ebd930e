import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, makeSite, type Site } from '../helpers/site.ts';

/** More issues than the build keeps the figures of in memory (64). */
const ISSUES = 70;
/** The feed's items (src/pages/rss.xml.ts): the newest issues, whose bodies the feed renders again after every page. */
const FEED_ITEMS = 30;

const FIGURES_TS = `import { defineFigures, last, max } from '#tally';

export default defineFigures({
  figures: (t) => ({
    lastPrice: { value: () => last(t.data('prices.csv'), 'price'), format: 'number:1', description: 'Last widget price' },
    peakPrice: { value: () => max(t.data('prices.csv'), 'price').value, format: 'number:0', description: 'Highest price' },
  }),
  datasets: (t) => ({
    points: () => t.data('prices.csv').rows().map((r) => ({ date: r.date, price: r.price })),
  }),
});
`;

const SPEC = JSON.stringify({
  title: 'Widget price',
  description: 'Daily widget price.',
  data: { name: 'points' },
  mark: 'line',
  encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'price', type: 'quantitative' } },
});

/** Issue n (1 the oldest): two figures, and a chart in every tenth, so the chart prefetch loads figures too. */
function writeIssue(site: Site, n: number): string {
  const slug = `issue-${String(n).padStart(3, '0')}`;
  const date = new Date(Date.UTC(2026, 0, 10 + n)).toISOString().slice(0, 10);
  const chart = n % 10 === 0;
  site.write(`content/issues/${slug}/figures.ts`, FIGURES_TS);
  if (chart) site.write(`content/issues/${slug}/price.vl.json`, SPEC);
  site.write(
    `content/issues/${slug}/index.mdx`,
    `---\ntitle: Issue ${n}\ndate: ${date}\nasOf: 2026-01-08\nsummary: A generated issue.\ntags: [test]\nauthors: [Tester]\n---\n\nThe price is <Fig name="lastPrice" />, at most <Fig name="peakPrice" />.\n${chart ? '\n<Chart spec="./price.vl.json" />\n' : ''}`,
  );
  return slug;
}

describe("a cold build loads each issue's figures once", () => {
  it('works out the page keys without loading the figures the pages load again, past what memory holds', async () => {
    const site = makeSite('basic');
    fs.rmSync(path.join(site.root, 'content', 'issues'), { recursive: true, force: true });
    const slugs = Array.from({ length: ISSUES }, (_, i) => writeIssue(site, i + 1));
    const stats = path.join(site.root, 'figures-stats.txt');
    const built = await buildSite(site, { TALLY_FIGURES_STATS: stats });
    expect(built.ok, built.output).toBe(true);
    expect(built.html('/issues/issue-001/')).toContain('data-figure="lastPrice"');

    // One line per whole load of an issue's figures (computed, or read from the figures cache).
    const loads = new Map<string, number>();
    for (const line of fs.readFileSync(stats, 'utf8').trim().split('\n')) {
      const slug = line.split(' ')[0]!;
      loads.set(slug, (loads.get(slug) ?? 0) + 1);
    }
    const newest = new Set(slugs.slice(-FEED_ITEMS));
    expect(slugs.filter((s) => !newest.has(s) && loads.get(s) !== 1).map((s) => `${s}: ${loads.get(s) ?? 0}`)).toEqual([]);
    // The feed renders its issues' bodies after every page: the newest may have left memory by then, once.
    expect([...newest].filter((s) => !(loads.get(s)! >= 1 && loads.get(s)! <= 2)).map((s) => `${s}: ${loads.get(s) ?? 0}`)).toEqual([]);
  }, 480_000);
});
