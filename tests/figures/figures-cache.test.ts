import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { last, max } from '../../src/api.ts';
import { computeFigures } from '../../src/figures/compute-figures.ts';
import { defineFigures, type FiguresModule } from '../../src/figures/define-figures.ts';
import { figuresKey, figuresReadsOf, readCachedFigures, readCachedReads, storeFigures, storeFiguresReads } from '../../src/issues/figures-cache.ts';
import { store } from '../../src/cache/stores.ts';
import { manifestEntry, editProjectFile, tempProject } from '../helpers/data-dir.ts';

const csv = (...v: number[]) => `d,v\n${v.map((x, i) => `2026-01-0${i + 1},${x}`).join('\n')}\n`;
const MANIFEST = [manifestEntry('a.csv', { d: 'date', v: 'number' }), manifestEntry('b.csv', { d: 'date', v: 'number' })].join('\n');
const FIGURES_TS = "import { defineFigures, last } from '#tally';\nexport default defineFigures({ figures: (t) => ({}) });\n";

let root: string;
let dir: string;
beforeEach(() => {
  root = tempProject({
    'data/manifest.yaml': MANIFEST,
    'data/a.csv': csv(1, 2),
    'data/b.csv': csv(5, 6),
    'content/issues/one/figures.ts': FIGURES_TS,
    'content/issues/one/index.mdx': 'Text.\n',
    'src/figures/compute-figures.ts': "export * from './x.ts';\n",
    'src/figures/x.ts': 'export const x = 1;\n',
  });
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  fs.symlinkSync(path.resolve(import.meta.dirname, '../../node_modules'), path.join(root, 'node_modules'), 'dir');
  dir = path.join(root, 'content', 'issues', 'one');
});
afterEach(() => {
  delete process.env.TALLY_ROOT;
});

/** Reads b.csv outside any figure (its row count shapes a figure of a.csv): a read the sources do not name. */
const module = (): FiguresModule =>
  defineFigures({
    figures: (t) => {
      const rowsOfB = t.data('b.csv').rows().length;
      return {
        lastA: { value: () => last(t.data('a.csv'), 'v') * rowsOfB, format: 'number:0', description: 'Last A times rows of B' },
        peakA: { value: () => max(t.data('a.csv'), 'v').value, format: 'number:0', description: 'Peak of A' },
      };
    },
    datasets: (t) => ({ points: () => t.data('a.csv').rows().map((r) => ({ d: r.d, v: r.v })) }),
  });

const compute = (asOf = '2026-01-02') => computeFigures(module(), asOf as never, { file: 'content/issues/one/figures.ts' });

const edit = (file: string, text: string) => editProjectFile(root, file, text);

describe('the figures disk cache', () => {
  it('gives back what was computed', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    const computed = (await compute());
    storeFigures(key, computed);
    const read = readCachedFigures(key)!;
    expect(read.figures).toEqual(computed.figures);
    expect(read.datasets).toEqual(computed.datasets);
    expect(read.figures.get('lastA')!.rendered).toBe('4');
    expect([...read.loaded.keys()].sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('is stale once a data file it loaded changes, even one no figure names as a source', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    storeFigures(key, (await compute()));
    expect((await compute()).figures.get('lastA')!.sources.map((s) => s.file)).toEqual(['a.csv']);
    edit('data/b.csv', csv(5, 6, 7));
    expect(readCachedFigures(key)).toBeUndefined();
  });

  it('is stale once a changed cell or manifest entry of a read file changes', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    storeFigures(key, (await compute()));
    edit('data/manifest.yaml', MANIFEST.replace('a.csv title', 'a.csv renamed'));
    expect(readCachedFigures(key)).toBeUndefined();
    storeFigures(key, (await compute()));
    expect(readCachedFigures(key)).toBeDefined();
    edit('data/a.csv', csv(1, 3));
    expect(readCachedFigures(key)).toBeUndefined();
  });

  it('keys by the module, the files beside it, the asOf and the figure code, but not the prose', () => {
    const key = figuresKey(dir, '2026-01-02' as never);
    expect(figuresKey(dir, '2026-01-01' as never)).not.toBe(key);
    edit('content/issues/one/index.mdx', 'Other text.\n');
    expect(figuresKey(dir, '2026-01-02' as never)).toBe(key);
    edit('content/issues/one/helpers.ts', 'export const k = 2;\n');
    const withHelper = figuresKey(dir, '2026-01-02' as never);
    expect(withHelper).not.toBe(key);
    edit('content/issues/one/figures.ts', `${FIGURES_TS}// edited\n`);
    expect(figuresKey(dir, '2026-01-02' as never)).not.toBe(withHelper);
    const beforeCode = figuresKey(dir, '2026-01-02' as never);
    edit('src/figures/x.ts', 'export const x = 2;\n');
    expect(figuresKey(dir, '2026-01-02' as never)).not.toBe(beforeCode);
  });

  it.each([
    ["import { k } from '../shared/helpers.ts';"],
    ["import { k } from './lib/helpers.ts';"],
    ["import fs from 'node:fs';"],
    ["const k = await import('./helpers.ts');"],
    ['const k = process.env.K;'],
    ['const k = Date.now();'],
    ['const k = new Date().getFullYear();'],
    ['const k = Math.random();'],
  ])('is not used for a module that depends on more than its folder and data: %s', (line) => {
    edit('content/issues/one/figures.ts', `${FIGURES_TS}${line}\n`);
    expect(figuresKey(dir, '2026-01-02' as never)).toBeUndefined();
  });

  it('stores nothing JSON would change (NaN in a dataset), and reads a damaged entry as missing', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    const computed = (await compute());
    computed.datasets.get('points')!.rows.push({ d: '2026-01-03', v: Number.NaN });
    storeFigures(key, computed);
    expect(readCachedFigures(key)).toBeUndefined();
    storeFigures(key, (await compute()));
    const file = store('figures').path(key);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
    expect(readCachedFigures(key)).toBeUndefined();
  });

  it('notes beside the figures the files they read, without their rows, even when the figures themselves are not stored', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    const computed = await compute();
    storeFigures(key, computed);
    const reads = readCachedReads(key)!;
    expect(reads).toEqual(figuresReadsOf(computed));
    expect([...reads.loaded].sort()).toEqual(['a.csv', 'b.csv']);
    expect([...reads.datasets]).toEqual([['points', ['a.csv']]]);
    expect(fs.statSync(store('figures').path(key, '.reads')).size).toBeLessThan(fs.statSync(store('figures').path(key)).size);

    const unstorable = await compute();
    unstorable.datasets.get('points')!.rows.push({ d: '2026-01-03', v: Number.NaN });
    fs.rmSync(store('figures').dir, { recursive: true, force: true });
    storeFigures(key, unstorable);
    expect(readCachedFigures(key)).toBeUndefined();
    expect(readCachedReads(key)).toEqual(reads);
  });

  it('takes the note of the files read as stale on the same changes as the figures', async () => {
    const key = figuresKey(dir, '2026-01-02' as never)!;
    storeFigures(key, await compute());
    edit('data/b.csv', csv(5, 6, 7));
    expect(readCachedReads(key)).toBeUndefined();
    storeFigures(key, await compute());
    edit('data/manifest.yaml', MANIFEST.replace('a.csv title', 'a.csv renamed'));
    expect(readCachedReads(key)).toBeUndefined();
    storeFigures(key, await compute());
    const file = store('figures').path(key, '.reads');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
    expect(readCachedReads(key)).toBeUndefined();
    // Figures stored without the note (or with a damaged one): the note alone is written again.
    const computed = await compute();
    storeFiguresReads(key, computed);
    expect(readCachedReads(key)).toEqual(figuresReadsOf(computed));
  });
});
