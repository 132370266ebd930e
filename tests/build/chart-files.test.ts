import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFileStore } from '../../src/cache/chart-file-store.ts';
import { linkChartFiles } from '../../src/build/chart-files.ts';
import { TallyError } from '../../src/core/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Registry = { listed: Map<string, unknown>; rendered: Map<string, unknown> };
const slot = globalThis as { __tallyChartFiles?: Registry; __tallyChartFileStores?: unknown };

/** The build's end, on a registry set by hand: what the pages would have listed and rendered. */
describe("the build's end links every chart's files, or fails naming the chart", () => {
  let root: string;
  const before = process.env.TALLY_ROOT;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-files-end-'));
    for (const f of ['src', 'node_modules', 'package.json', 'tsconfig.json']) fs.symlinkSync(path.join(ROOT, f), path.join(root, f));
    process.env.TALLY_ROOT = root;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = before;
    delete slot.__tallyChartFiles;
    delete slot.__tallyChartFileStores;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const usage = { file: 'content/issues/alpha/index.mdx', line: 14, column: 1 };

  it('links the recorded files of a copied page into <out>/charts/ and prunes what no chart names', () => {
    const store = chartFileStore(root);
    const digests = { json: store.put(Buffer.from('{"c":1}'), 'json'), csv: store.put(Buffer.from('c\n1\n'), 'csv') };
    const stale = store.put(Buffer.from('{"old":1}'), 'json');
    store.writeRecord('page:./price.vl.json', digests);
    slot.__tallyChartFiles = { listed: new Map([['alpha/price', { recordKey: 'page:./price.vl.json', usage }]]), rendered: new Map() };
    const out = path.join(root, 'dist');
    linkChartFiles(out);
    expect(fs.readFileSync(path.join(out, 'charts', 'alpha', 'price.json'), 'utf8')).toBe('{"c":1}');
    expect(fs.readFileSync(path.join(out, 'charts', 'alpha', 'price.csv'), 'utf8')).toBe('c\n1\n');
    expect(fs.statSync(path.join(out, 'charts', 'alpha', 'price.json')).ino).toBe(fs.statSync(store.verified(digests.json, 'json')!).ino);
    expect(store.verified(stale, 'json')).toBeUndefined();
  });

  it('a chart whose file is gone fails the build with the chart usage and the fix', () => {
    const store = chartFileStore(root);
    const digests = store.readRecord('page:./price.vl.json')!;
    fs.rmSync(store.verified(digests.csv, 'csv')!);
    let error: unknown;
    try {
      linkChartFiles(path.join(root, 'dist-2'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TallyError);
    const e = error as TallyError;
    expect(e.code).toBe('ChartFileMissing');
    expect(e.where).toEqual(usage);
    expect(e.message).toContain('/charts/alpha/price.csv');
    expect(e.hint).toContain('Build again');
  });
});
