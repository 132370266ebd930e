import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartFileStore } from '../../src/cache/chart-file-store.ts';
import { sha256 } from '../../src/cache/verified-entry.ts';

describe('the chart file store: files by content, trusted by stamp, digested again when the stamp changed', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-files-'));
    delete (globalThis as { __tallyChartFileStores?: unknown }).__tallyChartFileStores;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their digest and finds them again; a record names both files', () => {
    const store = chartFileStore(root);
    const json = store.put(Buffer.from('{"a":1}'), 'json');
    const csv = store.put(Buffer.from('a\n1\n'), 'csv');
    expect(json).toBe(sha256('{"a":1}'));
    expect(fs.readFileSync(store.verified(json, 'json')!, 'utf8')).toBe('{"a":1}');
    expect(store.verified(json, 'csv')).toBeUndefined();
    store.writeRecord('page:./a.vl.json', { json, csv });
    expect(store.readRecord('page:./a.vl.json')).toEqual({ json, csv });
    expect(store.recordVerified('page:./a.vl.json')).toBe(true);
    expect(store.recordVerified('other:./a.vl.json')).toBe(false);
  });

  it('a file rewritten with other bytes of the same size, or truncated, fails verification and is deleted', () => {
    const store = chartFileStore(root);
    const a = store.put(Buffer.from('{"value":1}'), 'json');
    const b = store.put(Buffer.from('x,y\n1,2\n'), 'csv');
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
    expect(next.put(Buffer.from('{"value":1}'), 'json')).toBe(a);
    expect(next.verified(a, 'json')).toBe(fileA);
  });

  it('a hard link to a file does not make it digested again (its stamp leaves out the change time)', () => {
    const store = chartFileStore(root);
    const digest = store.put(Buffer.from('{"big":true}'), 'json');
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

  it('prunes records and files this build does not name', () => {
    const store = chartFileStore(root);
    const kept = { json: store.put(Buffer.from('{"k":1}'), 'json'), csv: store.put(Buffer.from('k\n1\n'), 'csv') };
    const gone = { json: store.put(Buffer.from('{"g":1}'), 'json'), csv: store.put(Buffer.from('g\n1\n'), 'csv') };
    store.writeRecord('new:./c.vl.json', kept);
    store.writeRecord('old:./c.vl.json', gone);
    store.prune(['new:./c.vl.json'], [kept]);
    expect(store.readRecord('new:./c.vl.json')).toEqual(kept);
    expect(store.readRecord('old:./c.vl.json')).toBeUndefined();
    expect(store.verified(kept.json, 'json')).toBeDefined();
    expect(store.verified(gone.json, 'json')).toBeUndefined();
    expect(fs.readdirSync(path.join(store.dir, 'files')).sort()).toEqual([`${kept.csv}.csv`, `${kept.json}.json`].sort());
  });
});
