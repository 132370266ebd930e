import fs from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { writeEntry } from '../../src/cache/verified-entry.ts';
import { issueDataRoot } from '../../src/data/data-roots.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

type ManifestCode = typeof import('../../src/data/manifest.ts');

let copies = 0;
/** A fresh copy of manifest.ts, with nothing in its memory: what a new build's process reads. */
const freshManifest = () => import(/* @vite-ignore */ `../../src/data/manifest.ts?copy=${++copies}`) as Promise<ManifestCode>;

const MANIFEST = [
  manifestEntry('prices.csv', { date: '{ type: date, format: "%d/%m/%Y" }', '2020': 'number', close: 'number', sector: 'string' }, '  dateColumn: date\n  note: Close of day.\n'),
  manifestEntry('stamps.csv', { at: '{ type: date, format: "%Y-%m-%dT%H:%M:%S%Z", timezone: America/New_York }' }, '  delimiter: ";"\n'),
  manifestEntry('series.json', undefined, '  property: data.rows\n  columns:\n    v: { type: number, path: stats.v }\n'),
  manifestEntry('notes.txt', undefined, '  format: yaml\n'),
].join('\n');

const FILES = { 'data/manifest.yaml': MANIFEST, 'data/prices.csv': 'date\n', 'data/stamps.csv': 'at\n', 'data/series.json': '{}', 'data/notes.txt': '[]' };
const keptEntries = (root: string) => (fs.existsSync(path.join(root, '.tally-cache/manifests')) ? (fs.readdirSync(path.join(root, '.tally-cache/manifests'), { recursive: true }) as string[]).filter((f) => f.endsWith('.entry')) : []);

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

describe('a manifest kept parsed between builds', () => {
  it('is read back as exactly what the parse gave, and read from the store', async () => {
    const root = tempProject(FILES);
    const parsed = (await freshManifest()).readManifest();
    expect(parsed.size).toBe(4);
    expect(keptEntries(root)).toHaveLength(1);
    const kept = (await freshManifest()).readManifest();
    expect(kept).not.toBe(parsed);
    expect(kept).toStrictEqual(parsed);
    // Byte for byte, key order and undefined fields included (a page's key writes entries as JSON).
    expect(serialize(kept).equals(serialize(parsed))).toBe(true);
    expect([...kept.values()].map((e) => JSON.stringify(e))).toEqual([...parsed.values()].map((e) => JSON.stringify(e)));
    // The next copy answers from the store: what the store holds is what it gives.
    const entry = path.join(root, '.tally-cache/manifests', keptEntries(root)[0]!);
    const marked = new Map([...parsed].map(([id, e]) => [id, { ...e, title: `kept ${e.title}` }]));
    writeEntry(entry, serialize(marked));
    expect((await freshManifest()).readManifest().get('prices.csv')?.title).toBe('kept prices.csv title');
  });

  it('is parsed again when its text changes', async () => {
    const root = tempProject(FILES);
    (await freshManifest()).readManifest();
    fs.writeFileSync(path.join(root, 'data/manifest.yaml'), MANIFEST.replace('prices.csv title', 'Prices'));
    expect((await freshManifest()).readManifest().get('prices.csv')?.title).toBe('Prices');
    fs.writeFileSync(path.join(root, 'data/manifest.yaml'), MANIFEST.replace('illustrative: false', 'illustrative: no'));
    const bad = await freshManifest();
    let failure: unknown;
    try {
      bad.readManifest();
    } catch (e) {
      failure = e;
    }
    expect((failure as Error).message).toMatch(/"prices.csv" in data\/manifest.yaml: field "illustrative"/);
    expect((failure as { where: { line: number } }).where.line).toBe(7);
  });

  it('fails as the parse does when a declared file is gone, or a data file has no entry, though the text is the same', async () => {
    const root = tempProject(FILES);
    (await freshManifest()).readManifest();
    fs.rmSync(path.join(root, 'data/stamps.csv'));
    const gone = await freshManifest();
    expect(() => gone.readManifest()).toThrow(/has an entry for "stamps.csv", but data\/stamps.csv does not exist/);
    fs.writeFileSync(path.join(root, 'data/stamps.csv'), 'at\n');
    (await freshManifest()).readManifest();
    fs.writeFileSync(path.join(root, 'data/extra.csv'), 'x\n');
    const extra = await freshManifest();
    expect(() => extra.readManifest()).toThrow(/data\/extra.csv has no entry in data\/manifest.yaml/);
    fs.rmSync(path.join(root, 'data/extra.csv'));
    expect((await freshManifest()).readManifest().size).toBe(4);
  });

  it("keeps an issue's own manifest apart from the shared one of the same text", async () => {
    const issueFiles = Object.fromEntries(Object.entries(FILES).map(([f, t]) => [f.replace(/^data\//, 'content/issues/one/data/'), t]));
    tempProject({ ...FILES, ...issueFiles });
    const m = await freshManifest();
    expect([...m.readManifest().keys()]).toContain('prices.csv');
    expect([...(await freshManifest()).readManifest(issueDataRoot('one')).keys()]).toContain('content/issues/one/data/prices.csv');
    expect([...(await freshManifest()).readManifest().keys()]).toContain('prices.csv');
  });
});
