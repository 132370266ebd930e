import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSite, makeSite, ROOT } from '../helpers/site.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

const run = promisify(execFile);

// Counts parses: the parsers the loader calls, spied on; everything else is the real code.
vi.mock('../../src/data/parse-csv.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/data/parse-csv.ts')>();
  return { ...actual, parseCsv: vi.fn(actual.parseCsv) };
});
vi.mock('../../src/data/manifest.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/data/manifest.ts')>();
  return { ...actual, readManifest: vi.fn(actual.readManifest) };
});
vi.mock('../../src/data/parse-structured.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/data/parse-structured.ts')>();
  return { ...actual, parseJson: vi.fn(actual.parseJson), parseYaml: vi.fn(actual.parseYaml) };
});

/**
 * The check as a new build process runs it: the loader and the manifest reader are loaded
 * afresh (nothing parsed is kept in memory); only the cache store on disk remains.
 */
async function freshCheck() {
  vi.resetModules();
  const { parseCsv } = await import('../../src/data/parse-csv.ts');
  const { parseJson, parseYaml } = await import('../../src/data/parse-structured.ts');
  const spies = [parseCsv, parseJson, parseYaml].map((f) => vi.mocked(f));
  for (const s of spies) s.mockClear();
  const { checkDataFiles } = await import('../../src/data/check-data-files.ts');
  return { checkDataFiles, parsed: () => spies.flatMap((s) => s.mock.calls.map((c) => c[1].file)).sort() };
}

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

/** The located line of an error: `data/<file>:<line>:<column>: <what is wrong>`. */
const locatedLine = (output: string) => output.match(/data\/regions\.csv:\d+:\d+: [^\n]*/)?.[0];

describe('checkDataFiles', () => {
  it('parses an unchanged file once, and sees a changed cell that kept the size and modification time', async () => {
    const root = tempProject({
      'data/manifest.yaml': manifestEntry('a.csv', { d: 'date', v: 'number' }) + manifestEntry('b.json'),
      'data/a.csv': 'd,v\n2026-01-02,10\n2026-01-03,11\n',
      'data/b.json': '{ "x": 1 }',
    });
    const csv = path.join(root, 'data', 'a.csv');
    const stamp = new Date('2026-01-10T00:00:00Z');
    fs.utimesSync(csv, stamp, stamp);

    const first = await freshCheck();
    await first.checkDataFiles();
    expect(first.parsed()).toEqual(['a.csv', 'b.json']);
    await first.checkDataFiles();
    expect(first.parsed()).toHaveLength(2);

    // A rebuild: nothing in memory, every file found valid by its digest and entry.
    const rebuild = await freshCheck();
    await rebuild.checkDataFiles();
    expect(rebuild.parsed()).toEqual([]);

    // Same length, same modification time, one cell no longer a number.
    const before = fs.statSync(csv);
    fs.writeFileSync(csv, 'd,v\n2026-01-02,10\n2026-01-03,1x\n');
    fs.utimesSync(csv, stamp, stamp);
    const after = fs.statSync(csv);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const changed = await freshCheck();
    await expect(changed.checkDataFiles()).rejects.toThrow(/data\/a\.csv:3:2: Column "v" is declared number, but the cell holds "1x"/);
    expect(changed.parsed()).toEqual(['a.csv']);
  });

  it('checks a file again when its manifest entry changes', async () => {
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date', v: 'number' }), 'data/a.csv': 'd,v\n2026-01-02,10.5\n' });
    await (await freshCheck()).checkDataFiles();
    fs.writeFileSync(path.join(root, 'data', 'manifest.yaml'), manifestEntry('a.csv', { d: 'date', v: 'integer' }));
    const again = await freshCheck();
    await expect(again.checkDataFiles()).rejects.toThrow(/data\/a\.csv:2:2: Column "v" is declared integer/);
    expect(again.parsed()).toEqual(['a.csv']);
  });

  it('answers for an unchanged project from one entry, reading no manifest, and looks again at any write or new file', async () => {
    const root = tempProject({
      'data/manifest.yaml': manifestEntry('a.csv', { d: 'date', v: 'number' }),
      'data/a.csv': 'd,v\n2026-01-02,10\n',
      'content/issues/one/data/manifest.yaml': manifestEntry('own.csv', { d: 'date', v: 'number' }),
      'content/issues/one/data/own.csv': 'd,v\n2026-01-02,3\n',
      'content/issues/one/index.mdx': '---\ntitle: One\n---\n',
    });
    const manifestReads = async () => {
      const { readManifest } = await import('../../src/data/manifest.ts');
      return vi.mocked(readManifest).mock.calls.length;
    };
    const first = await freshCheck();
    vi.mocked((await import('../../src/data/manifest.ts')).readManifest).mockClear();
    await first.checkDataFiles();
    expect(await manifestReads()).toBeGreaterThan(0);

    const unchanged = await freshCheck();
    vi.mocked((await import('../../src/data/manifest.ts')).readManifest).mockClear();
    await unchanged.checkDataFiles();
    expect(await manifestReads()).toBe(0);
    expect(unchanged.parsed()).toEqual([]);

    // The same bytes written again: a new change time, so each file's own entry decides (by digest).
    fs.writeFileSync(path.join(root, 'content/issues/one/data/own.csv'), 'd,v\n2026-01-02,3\n');
    const rewritten = await freshCheck();
    vi.mocked((await import('../../src/data/manifest.ts')).readManifest).mockClear();
    await rewritten.checkDataFiles();
    expect(await manifestReads()).toBeGreaterThan(0);
    expect(rewritten.parsed()).toEqual([]);

    // A bad file declared and added under an issue's own data.
    fs.appendFileSync(path.join(root, 'content/issues/one/data/manifest.yaml'), manifestEntry('late.csv', { d: 'date', v: 'number' }));
    fs.writeFileSync(path.join(root, 'content/issues/one/data/late.csv'), 'd,v\n2026-01-02,x\n');
    await expect((await freshCheck()).checkDataFiles()).rejects.toThrow(/late\.csv:2:\d+: Column "v" is declared number/);
  });

  it('fails on a missing provenance field before parsing any file', async () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }).replace('  licence: CC0-1.0\n', ''), 'data/a.csv': 'd\n2026-01-02\n' });
    const check = await freshCheck();
    await expect(check.checkDataFiles()).rejects.toThrow(/data\/manifest\.yaml:2: The entry for "a.csv" in data\/manifest\.yaml: field "licence"/);
    expect(check.parsed()).toEqual([]);
  });
});

describe('a declared data file that no issue reads', () => {
  it('fails the build at its bad date, printed as a build error, and builds once fixed; npm run check says the same', async () => {
    const site = makeSite('unread-data', { on: 'basic' });
    const bad = await buildSite(site);
    expect(bad.ok).toBe(false);
    expect(locatedLine(bad.output)).toBe('data/regions.csv:4:2: Column "date" is declared date, but the cell holds "2026/01/05".');
    expect(bad.output).toContain('Hint: Dates are calendar dates written YYYY-MM-DD');
    // The lock-check's way: the Tally error as the build error it is, not an unhandled hook error.
    expect(bad.output).not.toMatch(/unhandled error/i);

    const { TALLY_ROOT: _r, ...env } = process.env;
    const check = await run(process.execPath, [path.join(ROOT, 'scripts', 'check.ts')], { cwd: site.root, env }).then(
      () => ({ code: 0, output: '' }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(check.code).toBe(1);
    expect(locatedLine(check.output)).toBe(locatedLine(bad.output));

    site.edit('data/regions.csv', (t) => t.replace('2026/01/05', '2026-01-05'));
    const good = await buildSite(site);
    expect(good.ok, good.output).toBe(true);
    expect(good.html('/issues/alpha/')).toContain('data-figure="lastPrice"');
  });
});
