import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartFileStore } from '../../src/cache/chart-file-store.ts';
import { prepareChart, type ChartInput } from '../../src/charts/build-chart.ts';
import { createArtifactStore, type ArtifactStore, type InteractiveCompiler } from '../../src/charts/chart-artifacts.ts';
import { createRenderCache, type RenderCache, type Renderer } from '../../src/charts/render-cache.ts';
import type { LayoutName } from '../../src/charts/chart-layout.ts';
import type { ComputedDataset } from '../../src/figures/compute-figures.ts';
import { manifestEntry, editProjectFile, tempProject } from '../helpers/data-dir.ts';

/** A renderer that records what it was asked to draw, instead of running Vega. */
function countingRenderer(): Renderer & { calls: string[] } {
  const calls: string[] = [];
  const render = async (spec: Record<string, unknown>, file: string, layout: LayoutName) => {
    calls.push(`${file}:${layout}`);
    return { svg: `<svg width="10" height="5">${file} ${layout} ${JSON.stringify(spec).length}</svg>`, width: 10, height: 5, warnings: ['w'], digest: 'd' };
  };
  return Object.assign(render, { calls });
}

const urlSpec = (url: string, mark = 'line') => JSON.stringify({ title: `T ${url}`, description: 'D.', data: { url }, mark, encoding: { x: { field: 'd', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } });
const namedSpec = JSON.stringify({ title: 'Named', description: 'D.', data: { name: 'points' }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
const csv = (...v: number[]) => `d,v\n${v.map((x, i) => `2026-01-0${i + 1},${x}`).join('\n')}\n`;
const points = (y: number): ReadonlyMap<string, ComputedDataset> => new Map([['points', { name: 'points', rows: [{ x: 1, y }], sources: [{ file: 'a.csv', columns: ['v'], latest: false }] }]]);

let root: string;
beforeEach(() => {
  root = tempProject({
    'data/manifest.yaml': [manifestEntry('a.csv', { d: 'date', v: 'number' }), manifestEntry('b.csv', { d: 'date', v: 'number' })].join('\n'),
    'data/a.csv': csv(1, 2),
    'data/b.csv': csv(1, 3),
    'content/issues/one/a.vl.json': urlSpec('a.csv'),
    'content/issues/one/b.vl.json': urlSpec('b.csv'),
    'content/issues/one/named.vl.json': namedSpec,
  });
});
afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const input = (ref: string, datasets = points(1), asOf = '2026-01-02'): ChartInput => ({
  ref,
  issueDir: path.join(root, 'content', 'issues', 'one'),
  usage: { file: 'content/issues/one/index.mdx' },
  asOf: asOf as never,
  datasets,
});
const REFS = ['./a.vl.json', './b.vl.json', './named.vl.json'];

/** A fresh store over the same folders, as the next build would have. */
function store(codeVersion = 'v1', interactive?: InteractiveCompiler): { store: ArtifactStore; renderer: ReturnType<typeof countingRenderer> } {
  const renderer = countingRenderer();
  const renderCache = createRenderCache({ dir: path.join(root, '.tally-cache', 'charts'), codeVersion, render: renderer });
  return { store: createArtifactStore({ dir: path.join(root, '.tally-cache', 'artifacts'), codeVersion, renderer: renderCache, interactive, files: chartFileStore(root) }), renderer };
}

async function buildAll(s: ArtifactStore, datasets = points(1), asOf = '2026-01-02'): Promise<void> {
  for (const ref of REFS) await s.get(input(ref, datasets, asOf));
}

const edit = (file: string, text: string) => editProjectFile(root, file, text);

describe('the chart artifact cache (charts cached whole, keyed by their inputs)', () => {
  it('makes each chart once; the next build reads them without drawing or binding', async () => {
    const first = store();
    await buildAll(first.store);
    expect(first.store.stats.made).toBe(3);
    expect(first.renderer.calls).toHaveLength(6);

    const next = store();
    const { artifact, key } = await next.store.get(input('./a.vl.json'));
    await buildAll(next.store);
    expect(next.store.stats).toMatchObject({ made: 0, disk: 3 });
    expect(next.renderer.calls).toEqual([]);
    expect(artifact).toMatchObject({ specFile: 'content/issues/one/a.vl.json', title: 'T a.csv', width: 10, height: 5, warnings: ['w'] });
    expect(artifact.svg).toContain('class="chart-svg chart-svg--wide"');
    expect(artifact.narrowSvg).toContain('class="chart-svg chart-svg--narrow"');
    expect(artifact.table.rows).toEqual([['2026-01-01', '1'], ['2026-01-02', '2']]);
    expect(artifact.sources.map((s) => s.file)).toEqual(['a.csv']);
    const spec = JSON.parse(next.store.specJson(key!)!.toString('utf8')) as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual([{ d: '2026-01-01', v: 1 }, { d: '2026-01-02', v: 2 }]);
    const leftovers = fs.readdirSync(path.join(root, '.tally-cache'), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('remakes exactly the chart whose data file changed', async () => {
    await buildAll(store().store);
    edit('data/b.csv', csv(1, 4));
    const next = store();
    await buildAll(next.store);
    expect(next.store.stats.made).toBe(1);
    expect(next.renderer.calls).toEqual(['content/issues/one/b.vl.json:wide', 'content/issues/one/b.vl.json:narrow']);
  });

  it('remakes a chart whose file gained a row after asOf, without drawing it again', async () => {
    await buildAll(store().store);
    edit('data/a.csv', csv(1, 2, 9));
    const next = store();
    await buildAll(next.store);
    expect(next.store.stats.made).toBe(1);
    expect(next.renderer.calls).toEqual([]);
  });

  it('remakes exactly the chart whose spec changed', async () => {
    await buildAll(store().store);
    edit('content/issues/one/a.vl.json', urlSpec('a.csv', 'bar'));
    const next = store();
    await buildAll(next.store);
    expect(next.renderer.calls).toEqual(['content/issues/one/a.vl.json:wide', 'content/issues/one/a.vl.json:narrow']);
  });

  it('remakes exactly the charts of a file whose manifest entry changed', async () => {
    await buildAll(store().store);
    edit('data/manifest.yaml', [manifestEntry('a.csv', { d: 'date', v: 'number' }, '  note: read again\n'), manifestEntry('b.csv', { d: 'date', v: 'number' })].join('\n'));
    const next = store();
    await buildAll(next.store);
    expect(next.store.stats.made).toBe(1);
    expect((await next.store.get(input('./a.vl.json'))).artifact.title).toBe('T a.csv');
  });

  it('remakes the chart of a figures dataset whose values changed, and only that one', async () => {
    await buildAll(store().store);
    const next = store();
    await buildAll(next.store, points(2));
    expect(next.renderer.calls).toEqual(['content/issues/one/named.vl.json:wide', 'content/issues/one/named.vl.json:narrow']);
  });

  it('remakes every chart when the issue is cut at another date, or the code version changes', async () => {
    await buildAll(store().store);
    const cut = store();
    await buildAll(cut.store, points(1), '2026-01-01');
    expect(cut.store.stats.made).toBe(3);
    const code = store('v2');
    await buildAll(code.store);
    expect(code.store.stats.made).toBe(3);
    expect(code.renderer.calls).toHaveLength(6);
  });

  it('makes a damaged or truncated entry again', async () => {
    const first = store();
    const { key } = await first.store.get(input('./a.vl.json'));
    const file = path.join(root, '.tally-cache', 'artifacts', key!.slice(0, 2), `${key}.chart`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, -10));
    const next = store();
    const { artifact } = await next.store.get(input('./a.vl.json'));
    expect(next.store.stats.made).toBe(1);
    expect(artifact.narrowSvg).toMatch(/<\/svg>$/);
  });

  it('shares one making between the prefetch and the page', async () => {
    const s = store();
    await Promise.all([s.store.warm(input('./a.vl.json')), s.store.get(input('./a.vl.json')), s.store.get(input('./a.vl.json'))]);
    expect(s.store.stats.made).toBe(1);
    expect(s.renderer.calls).toHaveLength(2);
  });

  it('raises the located error of a chart whose data cannot be found, and caches nothing for it', async () => {
    fs.writeFileSync(path.join(root, 'content/issues/one/bad.vl.json'), urlSpec('../secrets.csv'));
    const s = store();
    await expect(s.store.get(input('./bad.vl.json'))).rejects.toThrow(/secrets\.csv/);
    expect(s.store.keyOf(input('./bad.vl.json'))).toBeUndefined();
    await expect(s.store.get(input('./named.vl.json', new Map()))).rejects.toThrow(/points/);
  });

  it('keeps the interactive file compiled from the spec with every row, once per chart, in the spec\'s stead', async () => {
    const compiled: string[] = [];
    const compile: InteractiveCompiler = async (spec) => {
      const specJson = JSON.stringify(spec);
      compiled.push(specJson);
      return `{"compiled":${specJson.length}}`;
    };
    const first = store('v1', compile);
    const { key } = await first.store.get(input('./a.vl.json'));
    await first.store.get(input('./a.vl.json'));
    const prepared = prepareChart(input('./a.vl.json'));
    expect(compiled).toEqual([JSON.stringify(prepared.bound.full === prepared.bound.spec ? prepared.spec : prepared.bound.full)]);
    expect(first.store.interactiveJson(key!)!.toString('utf8')).toBe(`{"compiled":${compiled[0]!.length}}`);
    // Only the route would read the spec, and only to compile a file the cache lacks.
    expect(first.store.specJson(key!)).toBeUndefined();
    // The next build reads it from disk, compiling nothing.
    const next = store('v1', compile);
    await next.store.get(input('./a.vl.json'));
    expect(compiled).toHaveLength(1);
    expect(next.store.interactiveJson(key!)!.toString('utf8')).toBe(`{"compiled":${compiled[0]!.length}}`);
  });

  it('stores the spec with every row as its JSON, whether the renderer kept the JSON of the spec it drew or not', async () => {
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    edit('data/manifest.yaml', [manifestEntry('a.csv', { d: 'date', v: 'number' }), manifestEntry('b.csv', { d: 'date', v: 'number' }), manifestEntry('long.csv', { d: 'date', v: 'number' })].join('\n'));
    edit('data/long.csv', `d,v\n${Array.from({ length: 6000 }, (_, i) => `${day(i)},${(i * 7919) % 1000}`).join('\n')}\n`);
    edit('content/issues/one/long.vl.json', urlSpec('long.csv'));
    const refs = [...REFS, './long.vl.json'];
    const asOf = day(6000);
    const kept = store();
    const forgetful = (() => {
      const renderCache = createRenderCache({ dir: path.join(root, '.tally-cache', 'charts-2'), codeVersion: 'v1', render: countingRenderer() });
      const { serializedOf: _j, ...rest } = renderCache;
      const withoutJson: RenderCache = rest;
      return createArtifactStore({ dir: path.join(root, '.tally-cache', 'artifacts-2'), codeVersion: 'v1', renderer: withoutJson, files: chartFileStore(root) });
    })();
    for (const ref of refs) {
      const a = await kept.store.get(input(ref, points(1), asOf));
      const b = await forgetful.get(input(ref, points(1), asOf));
      const prepared = prepareChart(input(ref, points(1), asOf));
      const { title: _t, ...full } = prepared.bound.full;
      const expected = JSON.stringify(prepared.bound.full === prepared.bound.spec ? prepared.spec : full);
      expect(kept.store.specJson(a.key!)!.toString('utf8')).toBe(expected);
      expect(forgetful.specJson(b.key!)!.toString('utf8')).toBe(expected);
    }
    // The long series was drawn sampled: its stored spec is the full one, not the drawn one.
    const long = prepareChart(input('./long.vl.json', points(1), asOf));
    expect(long.bound.full).not.toBe(long.bound.spec);
  });

  it('makes the chart without the interactive file when there is no compiler or it fails (the route compiles it then)', async () => {
    const plain = store();
    const a = await plain.store.get(input('./a.vl.json'));
    expect(plain.store.interactiveJson(a.key!)).toBeUndefined();
    const failing = store('v2', async () => {
      throw new Error('no');
    });
    const b = await failing.store.get(input('./b.vl.json'));
    expect(b.artifact.svg).toContain('<svg');
    expect(failing.store.specJson(b.key!)).toBeDefined();
    expect(failing.store.interactiveJson(b.key!)).toBeUndefined();
  });
});

describe('the chart cache writes its chart files once, by content, into the chart file store', () => {
  const compile: InteractiveCompiler = async (spec) => `{"compiled":${JSON.stringify(spec).length}}`;

  it('keeps the CSV and the interactive file only there, named by digest, and gives their digests', async () => {
    const s = store('v1', compile);
    const { key } = await s.store.get(input('./a.vl.json'));
    const files = chartFileStore(root);
    const csvDigest = s.store.fileDigest(key!, 'csv')!;
    const jsonDigest = s.store.fileDigest(key!, 'json')!;
    expect(fs.readFileSync(files.verified(csvDigest, 'csv')!, 'utf8')).toBe('d,v\r\n2026-01-01,1\r\n2026-01-02,2\r\n');
    expect(s.store.csv(key!)!.toString('utf8')).toBe('d,v\r\n2026-01-01,1\r\n2026-01-02,2\r\n');
    expect(fs.readFileSync(files.verified(jsonDigest, 'json')!, 'utf8')).toMatch(/^\{"compiled":\d+\}$/);
    const beside = fs.readdirSync(path.join(root, '.tally-cache', 'artifacts'), { recursive: true }).map(String).filter((f) => /\.(csv|json)$/.test(f));
    expect(beside).toEqual([]);
    // The next build reads the digests from the chart's entry.
    const next = store('v1', compile);
    await next.store.get(input('./a.vl.json'));
    expect(next.store.fileDigest(key!, 'csv')).toBe(csvDigest);
    expect(next.store.stats).toMatchObject({ made: 0, disk: 1 });
  });

  it('compiles the interactive file once for charts of other inputs bound to the same spec, and again once its file is gone', async () => {
    fs.copyFileSync(path.join(root, 'content/issues/one/a.vl.json'), path.join(root, 'content/issues/one/a-again.vl.json'));
    const specs: string[] = [];
    const counting: InteractiveCompiler = async (spec, specJson = JSON.stringify(spec)) => (specs.push(specJson), JSON.stringify({ compiled: specJson }));
    const s = store('v1', counting);
    const [a, again] = await Promise.all([s.store.get(input('./a.vl.json')), s.store.get(input('./a-again.vl.json'))]);
    const b = await s.store.get(input('./b.vl.json'));
    expect(a.key).not.toBe(again.key);
    expect(s.store.stats.made).toBe(3);
    expect(specs).toHaveLength(2);
    expect(s.store.fileDigest(again.key!, 'json')).toBe(s.store.fileDigest(a.key!, 'json'));
    expect(s.store.fileDigest(b.key!, 'json')).not.toBe(s.store.fileDigest(a.key!, 'json'));
    // Its file pruned, the same spec is compiled again rather than named by a digest now missing.
    fs.rmSync(chartFileStore(root).verified(s.store.fileDigest(a.key!, 'json')!, 'json')!);
    fs.copyFileSync(path.join(root, 'content/issues/one/a.vl.json'), path.join(root, 'content/issues/one/a-third.vl.json'));
    const third = await s.store.get(input('./a-third.vl.json'));
    expect(specs).toHaveLength(3);
    expect(specs[2]).toBe(specs[0]);
    expect(s.store.interactiveJson(third.key!)!.toString('utf8')).toBe(JSON.stringify({ compiled: specs[0] }));
  });

  it('makes a chart again when a file it names was pruned from the store or damaged there', async () => {
    const first = store('v1', compile);
    const a = await first.store.get(input('./a.vl.json'));
    const b = await first.store.get(input('./b.vl.json'));
    const files = chartFileStore(root);
    fs.rmSync(files.verified(first.store.fileDigest(a.key!, 'json')!, 'json')!);
    const damaged = files.verified(first.store.fileDigest(b.key!, 'csv')!, 'csv')!;
    fs.writeFileSync(damaged, 'd,v\n2026-01-01,666\n');
    expect(first.store.fileDigest(a.key!, 'json')).toBeUndefined();
    expect(first.store.csv(b.key!)).toBeUndefined();

    const next = store('v1', compile);
    await next.store.get(input('./a.vl.json'));
    await next.store.get(input('./b.vl.json'));
    expect(next.store.stats).toMatchObject({ made: 2, disk: 0 });
    // Drawn from the render cache, not again; the files are back, with the right bytes.
    expect(next.renderer.calls).toEqual([]);
    expect(next.store.interactiveJson(a.key!)!.toString('utf8')).toMatch(/^\{"compiled":\d+\}$/);
    expect(next.store.csv(b.key!)!.toString('utf8')).toBe('d,v\r\n2026-01-01,1\r\n2026-01-02,3\r\n');
  });
});
