import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chartFileStore } from '../../src/cache/chart-file-store.ts';
import { chartPageCacheKey, forgetChartFiles, linkChartFiles } from '../../src/build/chart-files.ts';
import { TallyError } from '../../src/core/errors.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Registry = { listed: Map<string, unknown>; rendered: Map<string, unknown> };
const slot = globalThis as { __tallyChartFiles?: Registry; __tallyChartFileStores?: unknown };

/**
 * The issue route and the build's end, on a store and a registry set by hand: what the pages'
 * last render would have recorded, and what Astro's cache would hold.
 */
describe("chart files: a page's record lists its charts, and the build's end links them or fails naming the chart", () => {
  let root: string;
  const before = process.env.TALLY_ROOT;
  const issueDir = () => path.join(root, 'content', 'issues', 'alpha');
  const mdx = '---\ntitle: Alpha\n---\n\nSome prose.\n\n<Chart spec="./price.vl.json" />\n\n<Chart spec="./volume.vl.json" />\n';
  const copy = () => path.join(root, '.astro', 'cache', 'dist', 'issues', 'alpha', 'index.html');
  const usage = (line: number) => ({ file: 'content/issues/alpha/index.mdx', line, column: 1 });

  beforeAll(() => {
    root = tempDir('chart-files-end-');
    for (const f of ['src', 'node_modules', 'package.json', 'tsconfig.json']) fs.symlinkSync(path.join(ROOT, f), path.join(root, f));
    process.env.TALLY_ROOT = root;
    fs.mkdirSync(issueDir(), { recursive: true });
    fs.writeFileSync(path.join(issueDir(), 'index.mdx'), mdx);
    const cache = path.join(root, '.astro', 'cache');
    fs.mkdirSync(path.dirname(copy()), { recursive: true });
    fs.writeFileSync(path.join(cache, 'incremental-build.json'), JSON.stringify({ routes: { 'src/pages/issues/[slug].astro': { paths: { '/issues/alpha': { outputFile: 'issues/alpha/index.html' } } } } }));
  });
  beforeEach(() => {
    forgetChartFiles();
    fs.writeFileSync(copy(), '<html>alpha</html>');
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = before;
    delete slot.__tallyChartFiles;
    delete slot.__tallyChartFileStores;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const storeCharts = async () => {
    const store = chartFileStore(root);
    const price = { json: await store.put(Buffer.from('{"c":1}'), 'json'), csv: await store.put(Buffer.from('c\n1\n'), 'csv') };
    const volume = { json: await store.put(Buffer.from('{"v":2}'), 'json'), csv: await store.put(Buffer.from('v\n2\n'), 'csv') };
    store.writeRecord('key-1', [
      { ref: './price.vl.json', usage: usage(7), digests: price },
      { ref: './volume.vl.json', usage: usage(9), digests: volume },
    ]);
    return { store, price, volume };
  };

  it("a page whose record verifies keeps its copy, its charts listed from the record (the MDX is not read), and they are linked", async () => {
    const { store, price } = await storeCharts();
    const stale = await store.put(Buffer.from('{"old":1}'), 'json');
    fs.renameSync(path.join(issueDir(), 'index.mdx'), path.join(issueDir(), 'moved.mdx'));
    try {
      expect(chartPageCacheKey('alpha', 'key-1', issueDir())).toBe('key-1');
    } finally {
      fs.renameSync(path.join(issueDir(), 'moved.mdx'), path.join(issueDir(), 'index.mdx'));
    }
    expect(fs.existsSync(copy())).toBe(true);
    const out = path.join(root, 'dist');
    await linkChartFiles(out);
    expect(fs.readFileSync(path.join(out, 'charts', 'alpha', 'price.json'), 'utf8')).toBe('{"c":1}');
    expect(fs.readFileSync(path.join(out, 'charts', 'alpha', 'price.csv'), 'utf8')).toBe('c\n1\n');
    expect(fs.readFileSync(path.join(out, 'charts', 'alpha', 'volume.json'), 'utf8')).toBe('{"v":2}');
    expect(fs.statSync(path.join(out, 'charts', 'alpha', 'price.json')).ino).toBe(fs.statSync(store.verified(price.json, 'json')!).ino);
    expect(store.verified(stale, 'json')).toBeUndefined();
    expect(store.readRecord('key-1')).toHaveLength(2);
  });

  it('a file already in the output folder is replaced by the link', async () => {
    const { store, volume } = await storeCharts();
    const out = path.join(root, 'dist-again');
    fs.mkdirSync(path.join(out, 'charts', 'alpha'), { recursive: true });
    fs.writeFileSync(path.join(out, 'charts', 'alpha', 'volume.csv'), 'stale');
    chartPageCacheKey('alpha', 'key-1', issueDir());
    await linkChartFiles(out);
    expect(fs.statSync(path.join(out, 'charts', 'alpha', 'volume.csv')).ino).toBe(fs.statSync(store.verified(volume.csv, 'csv')!).ino);
  });

  it.each([
    ['one of its files is gone', async () => fs.rmSync(chartFileStore(root).verified((await storeCharts()).volume.csv, 'csv')!), 'key-1'],
    ['one of its files holds other bytes', async () => fs.writeFileSync(chartFileStore(root).verified((await storeCharts()).price.json, 'json')!, '{"c":9}'), 'key-1'],
    ['its key changed (no record under the new one)', async () => void (await storeCharts()), 'key-2'],
  ])('a page whose record does not verify (%s) has its charts found in the MDX and its copy dropped; unrendered, the build fails naming the chart', async (_case, damage, key) => {
    await damage();
    expect(chartPageCacheKey('alpha', key, issueDir())).toBe(key);
    expect(fs.existsSync(copy())).toBe(false);
    let error: unknown;
    try {
      await linkChartFiles(path.join(root, 'dist-2'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TallyError);
    const e = error as TallyError;
    expect(e.code).toBe('ChartFileMissing');
    expect(e.where).toEqual(usage(7));
    expect(e.message).toContain('/charts/alpha/price.json');
    expect(e.hint).toContain('Build again');
  });

  it('a page without charts keeps its copy and records that, so the next build need not read its MDX', async () => {
    const dir = path.join(root, 'content', 'issues', 'plain');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.mdx'), '---\ntitle: Plain\n---\n\nNo charts.\n');
    expect(chartPageCacheKey('plain', 'plain-key', dir)).toBe('plain-key');
    expect(chartFileStore(root).readRecord('plain-key')).toEqual([]);
    fs.rmSync(path.join(dir, 'index.mdx'));
    expect(chartPageCacheKey('plain', 'plain-key', dir)).toBe('plain-key');
    expect(fs.existsSync(copy())).toBe(true);
    await linkChartFiles(path.join(root, 'dist-plain'));
    // Kept by the build's end: its record is this build's.
    expect(chartFileStore(root).readRecord('plain-key')).toEqual([]);
  });

  /** 50 issues of 4 charts each, every file of its own bytes, listed from their pages' records. */
  const storeMany = async () => {
    const store = chartFileStore(root);
    const issues = Array.from({ length: 50 }, (_, i) => `issue-${String(i).padStart(2, '0')}`);
    for (const slug of issues) {
      const charts = [];
      for (let c = 0; c < 4; c++) {
        charts.push({
          ref: `./chart-${c}.vl.json`,
          usage: { file: `content/issues/${slug}/index.mdx`, line: 10 + c, column: 1 },
          digests: { json: await store.put(Buffer.from(`{"${slug}":${c}}`), 'json'), csv: await store.put(Buffer.from(`${slug}\n${c}\n`), 'csv') },
        });
      }
      store.writeRecord(`key-${slug}`, charts);
      expect(chartPageCacheKey(slug, `key-${slug}`, path.join(root, 'content', 'issues', slug))).toBe(`key-${slug}`);
    }
    return { store, issues };
  };

  it('links every chart of many issues, each output file a hard link to its stored file', async () => {
    const { store, issues } = await storeMany();
    const out = path.join(root, 'dist-many');
    await linkChartFiles(out);
    const expected = issues.flatMap((slug) => [0, 1, 2, 3].flatMap((c) => ['json', 'csv'].map((kind) => `${slug}/chart-${c}.${kind}`)));
    const found = (fs.readdirSync(path.join(out, 'charts'), { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(out, 'charts', f)).isFile());
    expect(found.map((f) => f.split(path.sep).join('/')).sort()).toEqual(expected.sort());
    for (const slug of issues) {
      for (const { ref, digests } of store.readRecord(`key-${slug}`)!) {
        for (const kind of ['json', 'csv'] as const) {
          const published = path.join(out, 'charts', slug, `${ref.slice(2, -'.vl.json'.length)}.${kind}`);
          expect(fs.statSync(published).ino).toBe(fs.statSync(store.verified(digests[kind], kind)!).ino);
        }
      }
    }
    expect(fs.readFileSync(path.join(out, 'charts', 'issue-42', 'chart-3.csv'), 'utf8')).toBe('issue-42\n3\n');
  });

  it('a file missing among many fails with the chart that uses it, before any link is made', async () => {
    const { store } = await storeMany();
    const [, , gone] = store.readRecord('key-issue-37')!;
    fs.rmSync(store.verified(gone!.digests.csv, 'csv')!);
    const out = path.join(root, 'dist-many-missing');
    const error: unknown = await linkChartFiles(out).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TallyError);
    const e = error as TallyError;
    expect(e.code).toBe('ChartFileMissing');
    expect(e.where).toEqual({ file: 'content/issues/issue-37/index.mdx', line: 12, column: 1 });
    expect(e.message).toContain('/charts/issue-37/chart-2.csv');
    expect(fs.existsSync(path.join(out, 'charts'))).toBe(false);
  });
});
