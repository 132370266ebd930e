import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { store } from '../../src/cache/stores.ts';
import { issuePageKey, recordPageReads } from '../../src/build/page-key.ts';
import { projectRoot } from '../../src/core/paths.ts';
import { siteConfig } from '../../src/core/site-config.ts';
import { dataFileAbs } from '../../src/data/data-roots.ts';
import { fileDigest } from '../../src/data/file-digest.ts';
import { manifestEntry } from '../../src/data/manifest.ts';
import { figuresKey } from '../../src/issues/figures-cache.ts';
import { correctionsDigest } from '../../src/lock/corrections.ts';
import { editProjectFile, manifestEntry as entryText, tempProject } from '../helpers/data-dir.ts';

const SLUG = 'one';
const FRONT = { title: 'One', asOf: '2026-01-31' as const };
const READS = { data: ['a.csv', 'b.csv'], specs: ['content/issues/one/chart.vl.json', 'shared/line.vl.json'] };

/** The page key as worked out before its inputs were noted: every file digested, the figures key worked out, on every call. */
function keyAsBefore(slug: string, frontMatter: { asOf: string }, issueDir: string): string {
  const root = projectRoot();
  const figures = fs.existsSync(path.join(issueDir, 'figures.ts')) ? figuresKey(issueDir, frontMatter.asOf as never)! : '';
  const hash = createHash('sha256').update(`${slug}\0${JSON.stringify(frontMatter)}\0${store('artifacts', root).version()}\0`);
  hash.update(`${JSON.stringify(siteConfig(root))}\0`);
  hash.update(`corrections\0${correctionsDigest(slug)}\0`);
  hash.update(figures);
  for (const name of (fs.readdirSync(issueDir, { recursive: true }) as string[]).sort()) {
    const digest = fileDigest(path.join(issueDir, name));
    if (digest) hash.update(`${name}\0${digest}\0`);
  }
  for (const spec of READS.specs) hash.update(`${spec}\0${fileDigest(path.join(root, spec))}\0`);
  for (const file of READS.data) hash.update(`${file}\0${fileDigest(dataFileAbs(file))}\0${JSON.stringify(manifestEntry(file))}\0`);
  return hash.digest('hex');
}

const CORRECTION = { date: '2026-02-01', figure: 'x', old: { rendered: '1' }, now: { rendered: '2' }, reason: 'Revised.', files: [] };

let root: string;
const issueDir = () => path.join(root, 'content/issues', SLUG);
/** The key as a new build works it out (each build keeps its keys once worked out). */
async function key(): Promise<string | undefined> {
  delete (globalThis as { __tallyPageKeys?: unknown }).__tallyPageKeys;
  return issuePageKey(SLUG, FRONT as never, issueDir());
}

beforeEach(() => {
  root = tempProject({
    'content/issues/one/index.mdx': '---\ntitle: One\n---\n\n<Chart spec="./chart.vl.json" />\n',
    'content/issues/one/figures.ts': "import { defineFigures } from '#tally';\nexport default defineFigures(() => ({}));\n",
    'content/issues/one/chart.vl.json': '{"mark": "bar"}\n',
    'content/issues/one/data/manifest.yaml': entryText('own.json'),
    'content/issues/one/data/own.json': '[]',
    'shared/line.vl.json': '{"mark": "line"}\n',
    'data/manifest.yaml': [entryText('a.csv', { d: 'date' }), entryText('b.csv', { d: 'date' }), entryText('other.csv', { d: 'date' })].join('\n'),
    'data/a.csv': 'd\n2026-01-01\n',
    'data/b.csv': 'd\n2026-01-02\n',
    'data/other.csv': 'd\n2026-01-03\n',
    'src/charts/build-chart.ts': 'export const chart = 1;\n',
    'tally.config.json': '{"site": {"name": "Test"}}\n',
    'tally.lock.json': JSON.stringify({ version: 1, issues: {}, history: {} }),
  });
  recordPageReads(SLUG, READS, undefined);
});

afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete (globalThis as { __tallyPageKeys?: unknown }).__tallyPageKeys;
});

describe('a page key from the inputs its record noted', () => {
  it('is the key worked out from every file, before and after its inputs were noted', async () => {
    const expected = keyAsBefore(SLUG, FRONT, issueDir());
    expect(await key()).toBe(expected);
    const record = store('pages').readJson(store('pages').key(SLUG)) as { digests?: Record<string, unknown>; figures?: unknown };
    // Noted: the folder's files, the specs and the data files, and the figures key.
    expect(Object.keys(record.digests ?? {})).toHaveLength(8);
    expect(record.figures).toHaveLength(2);
    expect(await key()).toBe(expected);
  });

  const changes: [string, () => void][] = [
    ['the MDX', () => editProjectFile(root, 'content/issues/one/index.mdx', '---\ntitle: One\n---\n\nNew prose.\n')],
    ['figures.ts', () => editProjectFile(root, 'content/issues/one/figures.ts', "import { defineFigures } from '#tally';\nexport default defineFigures(() => ({ a: 1 }));\n")],
    ["a spec in the issue's folder", () => editProjectFile(root, 'content/issues/one/chart.vl.json', '{"mark": "point"}\n')],
    ['a shared spec', () => editProjectFile(root, 'shared/line.vl.json', '{"mark": "area"}\n')],
    ['a data file', () => editProjectFile(root, 'data/b.csv', 'd\n2026-01-09\n')],
    ["a data file rewritten with its size and times", () => {
      const abs = path.join(root, 'data/b.csv');
      const st = fs.statSync(abs);
      fs.rmSync(abs);
      fs.writeFileSync(abs, 'd\n2026-01-09\n');
      fs.utimesSync(abs, st.atime, st.mtime);
    }],
    ["the issue's own data", () => editProjectFile(root, 'content/issues/one/data/own.json', '[1]')],
    ['a file added to the folder', () => editProjectFile(root, 'content/issues/one/notes.md', 'notes\n')],
    ['a file added to the issue\'s data', () => editProjectFile(root, 'content/issues/one/data/more.json', '[]')],
    ["a file's manifest entry", () => editProjectFile(root, 'data/manifest.yaml', fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8').replace('b.csv title', 'B'))],
    ['tally.config.json', () => editProjectFile(root, 'tally.config.json', '{"site": {"name": "Renamed"}}\n')],
    ["the lock's corrections", () => editProjectFile(root, 'tally.lock.json', JSON.stringify({ version: 1, issues: {}, history: { one: [CORRECTION] } }))],
    ['the code', () => editProjectFile(root, 'src/charts/build-chart.ts', 'export const chart = 2;\n')],
  ];
  for (const [what, change] of changes) {
    it(`changes with ${what}, as the key worked out from every file does`, async () => {
      const before = await key();
      expect(await key()).toBe(before);
      change();
      const after = await key();
      expect(after).not.toBe(before);
      expect(after).toBe(keyAsBefore(SLUG, FRONT, issueDir()));
      expect(await key()).toBe(after);
    });
  }

  it('stays with anything else: a data file the page does not read, another manifest entry, the lock without corrections of its own', async () => {
    const before = await key();
    editProjectFile(root, 'data/other.csv', 'd\n2026-02-01\n');
    editProjectFile(root, 'data/manifest.yaml', fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8').replace('other.csv title', 'Other'));
    editProjectFile(root, 'tally.lock.json', JSON.stringify({ version: 1, issues: {}, history: { two: [CORRECTION] } }));
    editProjectFile(root, 'src/unrelated.ts', 'export {};\n');
    expect(await key()).toBe(before);
    expect(keyAsBefore(SLUG, FRONT, issueDir())).toBe(before);
  });
});
