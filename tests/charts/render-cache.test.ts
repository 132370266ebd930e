import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareChart } from '../../src/charts/build-chart.ts';
import { codeVersion } from '../../src/cache/stores.ts';
import { readEntryText, writeEntry } from '../../src/cache/verified-entry.ts';
import { createRenderCache, type RenderCache, type Renderer } from '../../src/charts/render-cache.ts';
import type { LayoutName } from '../../src/charts/chart-layout.ts';
import { manifestEntry, editProjectFile, tempProject } from '../helpers/data-dir.ts';

/** A renderer that records what it was asked to render, instead of running Vega. */
function countingRenderer(): Renderer & { calls: string[] } {
  const calls: string[] = [];
  const render = async (spec: Record<string, unknown>, file: string, layout: LayoutName) => {
    calls.push(`${file}:${layout}`);
    return { svg: `<svg>${file} ${layout} ${JSON.stringify(spec).length}</svg>`, width: 1, height: 1, warnings: [], digest: 'd' };
  };
  return Object.assign(render, { calls });
}

const SPEC = (url: string, mark = 'line') => JSON.stringify({ title: `T ${url}`, description: 'D.', data: { url }, mark, encoding: { x: { field: 'd', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } });
const csv = (v: number) => `d,v\n2026-01-01,1\n2026-01-02,${v}\n`;

let root: string;
beforeEach(() => {
  root = tempProject({
    'data/manifest.yaml': [manifestEntry('a.csv', { d: 'date', v: 'number' }), manifestEntry('b.csv', { d: 'date', v: 'number' })].join('\n'),
    'data/a.csv': csv(2),
    'data/b.csv': csv(3),
    'content/issues/one/a.vl.json': SPEC('a.csv'),
    'content/issues/one/b.vl.json': SPEC('b.csv'),
    'content/issues/two/a.vl.json': SPEC('a.csv', 'bar'),
  });
});
afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const CHARTS = [
  ['one', './a.vl.json'],
  ['one', './b.vl.json'],
  ['two', './a.vl.json'],
] as const;

/** Renders every chart of the little site in both layouts through the cache. */
async function build(cache: RenderCache): Promise<void> {
  for (const [issue, ref] of CHARTS) {
    const dir = path.join(root, 'content', 'issues', issue);
    const chart = prepareChart({ ref, issueDir: dir, usage: { file: `content/issues/${issue}/index.mdx` }, asOf: '2026-12-31' as never, datasets: new Map() });
    for (const layout of ['wide', 'narrow'] as const) await cache.render(chart.spec, chart.file, layout);
  }
}

const edit = (file: string, text: string) => editProjectFile(root, file, text);

describe('the chart render cache', () => {
  const dir = () => path.join(root, '.tally-cache', 'charts');

  it('renders every chart once, then serves a warm build from disk', async () => {
    const r = countingRenderer();
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: r }));
    expect(r.calls).toHaveLength(6);
    const again = countingRenderer();
    const cache = createRenderCache({ dir: dir(), codeVersion: 'v1', render: again });
    await build(cache);
    expect(again.calls).toEqual([]);
    expect(cache.stats.hits).toBe(6);
    const leftovers = fs.readdirSync(dir(), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('re-renders only the charts that read a changed data cell', async () => {
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: countingRenderer() }));
    edit('data/b.csv', csv(4));
    const r = countingRenderer();
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: r }));
    expect(r.calls).toEqual(['content/issues/one/b.vl.json:wide', 'content/issues/one/b.vl.json:narrow']);
  });

  it('re-renders only a changed spec', async () => {
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: countingRenderer() }));
    edit('content/issues/two/a.vl.json', SPEC('a.csv', 'point'));
    const r = countingRenderer();
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: r }));
    expect(r.calls).toEqual(['content/issues/two/a.vl.json:wide', 'content/issues/two/a.vl.json:narrow']);
  });

  it('keys each layout apart: a layout not yet rendered is rendered, the other is not', async () => {
    const chart = prepareChart({ ref: './a.vl.json', issueDir: path.join(root, 'content/issues/one'), usage: { file: 'x' }, asOf: '2026-12-31' as never, datasets: new Map() });
    const r = countingRenderer();
    const cache = createRenderCache({ dir: dir(), codeVersion: 'v1', render: r });
    await cache.render(chart.spec, chart.file, 'wide');
    await cache.render(chart.spec, chart.file, 'narrow');
    await cache.render(chart.spec, chart.file, 'wide');
    expect(r.calls).toEqual(['content/issues/one/a.vl.json:wide', 'content/issues/one/a.vl.json:narrow']);
    expect(cache.key(chart.spec, 'wide')).not.toBe(cache.key(chart.spec, 'narrow'));
  });

  it('re-renders everything when the code version changes, and the version follows what the renderer imports', async () => {
    await build(createRenderCache({ dir: dir(), codeVersion: 'v1', render: countingRenderer() }));
    const r = countingRenderer();
    await build(createRenderCache({ dir: dir(), codeVersion: 'v2', render: r }));
    expect(r.calls).toHaveLength(6);

    fs.mkdirSync(path.join(root, 'src', 'charts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.symlinkSync(path.resolve(import.meta.dirname, '../../node_modules'), path.join(root, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(root, 'src', 'charts', 'render-svg.ts'), "import { a } from './theme.ts';\nexport const b = a;\n");
    fs.writeFileSync(path.join(root, 'src', 'charts', 'theme.ts'), 'export const a = 1;\n');
    const version = () => codeVersion(root, ['src/charts/render-svg.ts']);
    const before = version();
    expect(version()).toBe(before);
    fs.writeFileSync(path.join(root, 'src', 'charts', 'theme.ts'), 'export const a = 2;\n');
    expect(version()).not.toBe(before);
  });

  it('shares one render between concurrent requests for the same chart', async () => {
    const chart = prepareChart({ ref: './a.vl.json', issueDir: path.join(root, 'content/issues/one'), usage: { file: 'x' }, asOf: '2026-12-31' as never, datasets: new Map() });
    const r = countingRenderer();
    const cache = createRenderCache({ dir: dir(), codeVersion: 'v1', render: r });
    const [a, b] = await Promise.all([cache.render(chart.spec, chart.file, 'wide'), cache.render(chart.spec, chart.file, 'wide'), cache.warm(chart.spec, chart.file, 'wide')]);
    expect(r.calls).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it('gives back from disk exactly what was rendered, an SVG with line breaks and any text included', async () => {
    const chart = prepareChart({ ref: './a.vl.json', issueDir: path.join(root, 'content/issues/one'), usage: { file: 'x' }, asOf: '2026-12-31' as never, datasets: new Map() });
    const drawn = { svg: '<svg>\n<text>"é" \\ {"svgLength": 1}\n</text>\u2028</svg>\n', width: 560.5, height: 220, warnings: ['a\nb', 'c'], digest: 'abc' };
    const render: Renderer = async () => structuredClone(drawn);
    expect(await createRenderCache({ dir: dir(), codeVersion: 'v1', render }).render(chart.spec, chart.file, 'wide')).toEqual(drawn);
    const r = countingRenderer();
    const cache = createRenderCache({ dir: dir(), codeVersion: 'v1', render: r });
    expect(await cache.render(chart.spec, chart.file, 'wide')).toEqual(drawn);
    expect(r.calls).toEqual([]);
    expect(cache.stats.hits).toBe(1);
  });

  it('renders again over an entry whose SVG is not the length it records', async () => {
    const chart = prepareChart({ ref: './a.vl.json', issueDir: path.join(root, 'content/issues/one'), usage: { file: 'x' }, asOf: '2026-12-31' as never, datasets: new Map() });
    const first = createRenderCache({ dir: dir(), codeVersion: 'v1', render: countingRenderer() });
    await first.render(chart.spec, chart.file, 'wide');
    const k = first.key(chart.spec, 'wide');
    const file = path.join(dir(), k.slice(0, 2), `${k}.svg-entry`);
    const text = readEntryText(file)!;
    // A whole, verified entry whose payload lost the SVG's last character.
    writeEntry(file, text.slice(0, -1));
    const r = countingRenderer();
    const again = await createRenderCache({ dir: dir(), codeVersion: 'v1', render: r }).render(chart.spec, chart.file, 'wide');
    expect(r.calls).toHaveLength(1);
    expect(again.svg).toBe(text.slice(text.indexOf('\n') + 1));
  });

  it('renders again over a damaged entry', async () => {
    const chart = prepareChart({ ref: './a.vl.json', issueDir: path.join(root, 'content/issues/one'), usage: { file: 'x' }, asOf: '2026-12-31' as never, datasets: new Map() });
    const first = createRenderCache({ dir: dir(), codeVersion: 'v1', render: countingRenderer() });
    await first.render(chart.spec, chart.file, 'wide');
    const k = first.key(chart.spec, 'wide');
    fs.writeFileSync(path.join(dir(), k.slice(0, 2), `${k}.svg-entry`), '{"svg": "<sv');
    const r = countingRenderer();
    const svg = await createRenderCache({ dir: dir(), codeVersion: 'v1', render: r }).render(chart.spec, chart.file, 'wide');
    expect(r.calls).toHaveLength(1);
    expect(svg.svg).toMatch(/^<svg>/);
  });
});
