import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, ROOT, type Site } from '../helpers/site.ts';

const LOCK = 'tally.lock.json';
const ALPHA = 'content/issues/alpha';
const SPEC_HEAD = '"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "title": "Second", "description": "A second chart."';

/** A new published issue, `gamma`, with the given prose and figures module. */
function newIssue(s: Site, prose: string, figures?: string, front = 'date: 2026-01-10'): void {
  s.write('content/issues/gamma/index.mdx', `---\ntitle: Gamma issue\n${front}\nasOf: 2026-01-08\nsummary: A new issue.\ntags: [test]\nauthors: [Tester]\n---\n\n${prose}\n`);
  if (figures) s.write('content/issues/gamma/figures.ts', `import { defineFigures, last } from '#tally';\n\nexport default defineFigures({\n  figures: (t) => ({\n${figures}\n  }),\n});\n`);
}

/** A new chart in the published issue alpha. */
function newChart(s: Site, spec: string): void {
  s.write(`${ALPHA}/second.vl.json`, `{${SPEC_HEAD}, ${spec}}\n`);
  s.edit(`${ALPHA}/index.mdx`, (t) => `${t.trimEnd()}\n\n<Chart spec="./second.vl.json" />\n`);
}

const figure = (value: string, file = 'prices.csv') => `    x: { value: () => ${value.replace('FILE', `t.data('${file}')`)}, format: 'number:1', description: 'A figure' },`;

const EXTRA_MANIFEST = `\nextra.csv:\n  title: Extra\n  source: Test fixture\n  url: https://example.com/extra\n  licence: CC0-1.0\n  retrieved: 2026-02-01\n  illustrative: true\n  columns:\n    date: date\n    v: number\n`;

describe('a failed build never changes tally.lock.json', () => {
  let site: Site;
  let locked: string;
  beforeAll(() => {
    // The basic site with the lock its first build wrote (alpha locked, the draft not).
    site = makeSite('basic');
    fs.copyFileSync(path.join(ROOT, 'tests/fixtures/lock-basic', LOCK), path.join(site.root, LOCK));
    locked = site.read(LOCK);
  });

  it.each([
    ['a new issue whose figure is not a finite number', (s: Site) => newIssue(s, 'X: <Fig name="x" />.', figure("last(FILE, 'price') / 0")), /Figure "x"/],
    ['a new chart whose spec is invalid', (s: Site) => newChart(s, '"data": {"url": "prices.csv"}, "mark": "lines", "encoding": {"x": {"field": "date", "type": "temporal"}}'), /second\.vl\.json.*must be one of/],
    [
      'a new chart whose spec fails to render',
      (s: Site) => newChart(s, '"data": {"url": "prices.csv"}, "transform": [{"calculate": "datum.price +* 2", "as": "d"}], "mark": "line", "encoding": {"x": {"field": "date", "type": "temporal"}, "y": {"field": "d", "type": "quantitative"}}'),
      /second\.vl\.json.*Unexpected token/,
    ],
    ['a new issue with bad front matter', (s: Site) => newIssue(s, 'Text.', undefined, 'date: 2026-13-45'), /gamma\/index\.mdx[\s\S]*2026-13-45/],
    [
      'a new issue reading a data file with a bad cell',
      (s: Site) => {
        s.write('data/extra.csv', 'date,v\r\n2026-01-02,1;5\r\n');
        s.edit('data/manifest.yaml', (t) => t + EXTRA_MANIFEST);
        newIssue(s, 'X: <Fig name="x" />.', figure("last(FILE, 'v')", 'extra.csv'));
      },
      /data\/extra\.csv:2:2: Column "v" is declared number/,
    ],
    ['a new chart whose data file is missing', (s: Site) => newChart(s, '"data": {"url": "missing.csv"}, "mark": "line", "encoding": {"x": {"field": "date", "type": "temporal"}}'), /No data file "missing\.csv"/],
    ['a new issue naming an unknown figure', (s: Site) => newIssue(s, 'X: <Fig name="nope" />.'), /<Fig name="nope"> names no figure of issue "gamma"/],
    [
      'a bad cell in a file the published issue reads, beside a new issue',
      (s: Site) => {
        s.edit('data/prices.csv', (t) => t.replace('102.5', '"1,02.5"'));
        newIssue(s, 'Text.');
      },
      /data\/prices\.csv:3:2: Column "price" is declared number/,
    ],
  ])('%s: the build fails and the lock keeps every byte', async (_name, breakIt, message) => {
    const undo = backup(site);
    breakIt(site);
    const r = await buildSite(site);
    undo();
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(message);
    expect(r.output).not.toContain('Locked in');
    expect(site.read(LOCK)).toBe(locked);
  });

  it('the fixed build passes with no drift and leaves the lock as it was', async () => {
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    expect(r.output).not.toContain('would change');
    expect(site.read(LOCK)).toBe(locked);
  });

  it('a new chart that renders enters the lock with the build that publishes it', async () => {
    newChart(site, '"data": {"url": "prices.csv"}, "mark": "point", "encoding": {"x": {"field": "date", "type": "temporal"}, "y": {"field": "price", "type": "quantitative"}}');
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    expect(r.output).toContain('Locked in tally.lock.json (commit it): alpha: chart second.vl.json.');
    expect(Object.keys((JSON.parse(site.read(LOCK)) as { issues: { alpha: { charts: object } } }).issues.alpha.charts).sort()).toEqual(['price.vl.json', 'second.vl.json']);
  });
});

/** Saves content/ and data/; the returned function puts them back as they were. */
function backup(site: Site): () => void {
  const dir = fs.mkdtempSync(path.join(path.dirname(site.root), 'undo-'));
  for (const d of ['content', 'data']) fs.cpSync(path.join(site.root, d), path.join(dir, d), { recursive: true });
  return () => {
    for (const d of ['content', 'data']) {
      fs.rmSync(path.join(site.root, d), { recursive: true });
      fs.cpSync(path.join(dir, d), path.join(site.root, d), { recursive: true });
    }
    fs.rmSync(dir, { recursive: true });
  };
}
