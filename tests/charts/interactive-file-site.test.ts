import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEntryText } from '../../src/cache/verified-entry.ts';
import { buildSite, makeSite, type Site } from '../helpers/site.ts';
import { compiledWithRows } from './compiled-with-rows.ts';

/** Every file under a folder, by its path inside it. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.set(path.relative(dir, f), fs.readFileSync(f));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

const cacheDir = (site: Site, store: string) => path.join(site.root, '.tally-cache', store);
const entries = (site: Site, ext: string) => [...filesOf(cacheDir(site, 'artifacts')).keys()].filter((f) => f.endsWith(ext));
const chartFiles = (site: Site, ext = '.json') => new Map([...filesOf(path.join(site.root, 'dist', 'charts'))].filter(([f]) => f.endsWith(ext)));
/** Each chart entry of the chart cache, and the digests of the files it names in the chart file store. */
const chartEntries = (site: Site) =>
  entries(site, '.chart').map((entry) => {
    const text = readEntryText(path.join(cacheDir(site, 'artifacts'), entry));
    return { entry, files: (JSON.parse(text!.slice(0, text!.indexOf('\n'))) as { files: { json?: string; csv: string } }).files };
  });
const storeFile = (site: Site, digest: string, kind: 'json' | 'csv') => path.join(cacheDir(site, 'chart-files'), 'files', `${digest}.${kind}`);
const inode = (file: string) => fs.statSync(file).ino;

/**
 * The interactive layer's chart files (tests/fixtures/long-series: a long series, a map) are
 * compiled by the chart workers when the charts are drawn and served from the chart cache: the
 * same bytes the chart route made when it compiled them in the build's main thread. The CSV of
 * every row is kept there too, written when the chart's data was bound; both are written once,
 * by content, into the chart file store the site publishes from.
 */
describe('the chart files of the interactive layer and the CSV downloads, served from the chart cache', () => {
  const sites: Site[] = [];
  afterAll(() => {
    if (process.env.TALLY_KEEP_SITES !== '1') for (const s of sites) fs.rmSync(s.root, { recursive: true, force: true });
  });

  it('are byte for byte what the main thread compiles, and are served from the chart cache', async () => {
    const mainThread = makeSite('long-series', { on: 'basic' });
    const workers = makeSite('long-series', { on: 'basic' });
    sites.push(mainThread, workers);
    const [a, b] = await Promise.all([buildSite(mainThread, { TALLY_CHART_WORKERS: '0' }), buildSite(workers)]);
    expect(a.ok, a.output).toBe(true);
    expect(b.ok, b.output).toBe(true);

    // Charts drawn in the main thread leave the compile to the route; the workers keep it, in
    // the chart file store, and that very file is what the site publishes (a link to it).
    const before = chartFiles(mainThread);
    const after = chartFiles(workers);
    const csvBefore = chartFiles(workers, '.csv');
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(chartEntries(mainThread).filter((c) => c.files.json !== undefined)).toEqual([]);
    const named = chartEntries(workers);
    expect(named).toHaveLength(before.size);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    expect(JSON.parse(after.values().next().value!.toString('utf8'))).toHaveProperty('views.wide');
    const linked = (site: Site, ext: 'json' | 'csv') => new Set(named.map((c) => c.files[ext]).filter((d) => d !== undefined).map((d) => inode(storeFile(site, d, ext))));
    for (const ext of ['json', 'csv'] as const) {
      const published = [...filesOf(path.join(workers.root, 'dist', 'charts')).keys()].filter((f) => f.endsWith(`.${ext}`));
      for (const f of published) expect(linked(workers, ext).has(inode(path.join(workers.root, 'dist', 'charts', f))), f).toBe(true);
    }
    // Each is what Vega-Lite and Vega's parse make of the chart's spec with every row carried
    // through them: the rows set aside for the compile are all back, in the right places. The
    // workers keep no spec beside the file they compiled; the site drawn in the main thread kept
    // each one (the same charts, under the same keys) for its route to compile.
    for (const { entry, files } of named) {
      const specEntry = entry.replace(/\.chart$/, '.spec.json');
      expect(fs.existsSync(path.join(cacheDir(workers, 'artifacts'), specEntry)), entry).toBe(false);
      const spec = readEntryText(path.join(cacheDir(mainThread, 'artifacts'), specEntry));
      expect(spec, entry).toBeDefined();
      expect(fs.readFileSync(storeFile(workers, files.json!, 'json'), 'utf8'), entry).toBe(compiledWithRows(JSON.parse(spec!) as Record<string, unknown>));
    }

    // Half the CSVs removed from the store, half rewritten there with other bytes: neither is
    // published; the charts are made again and publish the same bytes as before.
    for (const dir of ['dist', '.astro']) fs.rmSync(path.join(workers.root, dir), { recursive: true, force: true });
    const csvDigests = [...new Set(named.map((c) => c.files.csv))].sort();
    expect(csvDigests.length).toBeGreaterThanOrEqual(2);
    csvDigests.forEach((digest, i) => {
      const file = storeFile(workers, digest, 'csv');
      if (i % 2) fs.writeFileSync(file, 'cached\r\n');
      else fs.rmSync(file);
    });
    const c = await buildSite(workers);
    expect(c.ok, c.output).toBe(true);
    const csvAfter = chartFiles(workers, '.csv');
    expect([...csvAfter.keys()].sort()).toEqual([...csvBefore.keys()].sort());
    for (const [file, bytes] of csvAfter) expect(bytes.equals(csvBefore.get(file)!), file).toBe(true);
    for (const [file, bytes] of chartFiles(workers)) expect(bytes.equals(before.get(file)!), file).toBe(true);
  }, 600_000);
});
