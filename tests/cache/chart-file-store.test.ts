import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartFileStore } from '../../src/cache/chart-file-store.ts';
import { store as cacheStore } from '../../src/cache/stores.ts';
import { sha256 } from '../../src/cache/verified-entry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('the chart file store: files by content, trusted by stamp, digested again when the stamp changed', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('chart-files-');
    delete (globalThis as { __tallyChartFileStores?: unknown }).__tallyChartFileStores;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their digest and finds them again; a record names both files', async () => {
    const store = chartFileStore(root);
    const json = await store.put(Buffer.from('{"a":1}'), 'json');
    const csv = await store.put(Buffer.from('a\n1\n'), 'csv');
    expect(json).toBe(sha256('{"a":1}'));
    expect(fs.readFileSync(store.verified(json, 'json')!, 'utf8')).toBe('{"a":1}');
    expect(store.verified(json, 'csv')).toBeUndefined();
    const charts = [{ ref: './a.vl.json', usage: { file: 'content/issues/a/index.mdx', line: 3, column: 1 }, digests: { json, csv } }];
    store.writeRecord('page', charts);
    expect(store.readRecord('page')).toEqual(charts);
    expect(store.recordVerified('page')).toEqual(charts);
    expect(store.recordVerified('other')).toBeUndefined();
    // A page without charts has a record too, and it verifies.
    store.writeRecord('plain', []);
    expect(store.recordVerified('plain')).toEqual([]);
  });

  it('writes bytes asked for twice at once a single time, and trusts the file by its stamp', async () => {
    const store = chartFileStore(root);
    const bytes = Buffer.from('{"same":true}');
    const rename = vi.spyOn(fs.promises, 'rename');
    try {
      const [a, b] = await Promise.all([store.put(bytes, 'json'), store.put(bytes, 'json')]);
      expect(a).toBe(b);
      expect(rename).toHaveBeenCalledTimes(1);
      // Stored already: not written again.
      expect(await store.put(bytes, 'json')).toBe(a);
      expect(rename).toHaveBeenCalledTimes(1);
    } finally {
      rename.mockRestore();
    }
    expect(fs.readdirSync(path.join(store.dir, 'files'))).toEqual([`${sha256(bytes)}.json`]);
  });

  it("a page's record verifies only while every file it names does; a record of another shape is none", async () => {
    const store = chartFileStore(root);
    const usage = { file: 'content/issues/a/index.mdx', line: 5, column: 1 };
    const one = { json: await store.put(Buffer.from('{"one":1}'), 'json'), csv: await store.put(Buffer.from('one\n1\n'), 'csv') };
    const two = { json: await store.put(Buffer.from('{"two":2}'), 'json'), csv: await store.put(Buffer.from('two\n2\n'), 'csv') };
    store.writeRecord('page', [{ ref: './one.vl.json', usage, digests: one }, { ref: './two.vl.json', usage, digests: two }]);
    expect(store.recordVerified('page')).toHaveLength(2);
    fs.rmSync(store.verified(two.csv, 'csv')!);
    expect(store.recordVerified('page')).toBeUndefined();
    // A record of one chart's digests alone (as an earlier version kept them) is not a page's record.
    const entries = cacheStore('chart-files', root);
    entries.write(entries.key('page', 'old'), JSON.stringify(one));
    expect(store.readRecord('old')).toBeUndefined();
    expect(store.recordVerified('old')).toBeUndefined();
  });

  it('a file rewritten with other bytes of the same size, or truncated, fails verification and is deleted', async () => {
    const store = chartFileStore(root);
    const a = await store.put(Buffer.from('{"value":1}'), 'json');
    const b = await store.put(Buffer.from('x,y\n1,2\n'), 'csv');
    store.saveStamps();
    delete (globalThis as { __tallyChartFileStores?: unknown }).__tallyChartFileStores;
    const next = chartFileStore(root);
    const fileA = next.verified(a, 'json')!;
    const fileB = next.verified(b, 'csv')!;
    fs.writeFileSync(fileA, '{"value":2}');
    fs.truncateSync(fileB, 3);
    expect(next.verified(a, 'json')).toBeUndefined();
    expect(next.verified(b, 'csv')).toBeUndefined();
    expect(fs.existsSync(fileA)).toBe(false);
    expect(fs.existsSync(fileB)).toBe(false);
    // Stored again, it verifies.
    expect(await next.put(Buffer.from('{"value":1}'), 'json')).toBe(a);
    expect(next.verified(a, 'json')).toBe(fileA);
  });

  it('a hard link to a file does not make it digested again (its stamp leaves out the change time)', async () => {
    const store = chartFileStore(root);
    const digest = await store.put(Buffer.from('{"big":true}'), 'json');
    const file = store.verified(digest, 'json')!;
    fs.linkSync(file, path.join(root, 'published.json'));
    expect(fs.statSync(file).nlink).toBe(2);
    const reads = vi.spyOn(fs, 'readFileSync');
    try {
      expect(store.verified(digest, 'json')).toBe(file);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('saves the stamps only when they changed: a new file, a file digested again, a file pruned', async () => {
    const stampsFile = cacheStore('chart-files', root).path('stamps');
    const fresh = () => {
      delete (globalThis as { __tallyChartFileStores?: unknown }).__tallyChartFileStores;
      return chartFileStore(root);
    };
    const written = () => fs.statSync(stampsFile).ino;
    const first = chartFileStore(root);
    const a = await first.put(Buffer.from('{"a":1}'), 'json');
    first.saveStamps();
    let ino = written();
    // A warm build: every file verifies by its stamp; nothing to write.
    const warm = fresh();
    expect(warm.verified(a, 'json')).toBeDefined();
    warm.saveStamps();
    expect(written()).toBe(ino);
    // A file stored: written.
    const b = await warm.put(Buffer.from('{"b":2}'), 'json');
    warm.saveStamps();
    expect(written()).not.toBe(ino);
    ino = written();
    // A file touched (same bytes, new time): digested again, its new stamp written.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(warm.verified(b, 'json')!, later, later);
    const next = fresh();
    expect(next.verified(b, 'json')).toBeDefined();
    next.saveStamps();
    expect(written()).not.toBe(ino);
    ino = written();
    // A file pruned: written without it.
    next.prune([], [{ json: a, csv: a }]);
    next.saveStamps();
    expect(written()).not.toBe(ino);
    expect(Object.keys(JSON.parse(cacheStore('chart-files', root).readText('stamps')!) as object)).toEqual([`${a}.json`]);
  });

  it('prunes records and files this build does not name', async () => {
    const store = chartFileStore(root);
    const kept = { json: await store.put(Buffer.from('{"k":1}'), 'json'), csv: await store.put(Buffer.from('k\n1\n'), 'csv') };
    const gone = { json: await store.put(Buffer.from('{"g":1}'), 'json'), csv: await store.put(Buffer.from('g\n1\n'), 'csv') };
    const usage = { file: 'content/issues/c/index.mdx', line: 1, column: 1 };
    store.writeRecord('new', [{ ref: './c.vl.json', usage, digests: kept }]);
    store.writeRecord('old', [{ ref: './c.vl.json', usage, digests: gone }]);
    store.prune(['new'], [kept]);
    expect(store.readRecord('new')).toEqual([{ ref: './c.vl.json', usage, digests: kept }]);
    expect(store.readRecord('old')).toBeUndefined();
    expect(store.verified(kept.json, 'json')).toBeDefined();
    expect(store.verified(gone.json, 'json')).toBeUndefined();
    expect(fs.readdirSync(path.join(store.dir, 'files')).sort()).toEqual([`${kept.csv}.csv`, `${kept.json}.json`].sort());
  });
});
