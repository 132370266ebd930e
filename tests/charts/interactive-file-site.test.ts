import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEntryText, writeEntry } from '../../src/cache/verified-entry.ts';
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

const entries = (site: Site, ext: string) => [...filesOf(path.join(site.root, '.tally-cache', 'artifacts')).keys()].filter((f) => f.endsWith(ext));
const interactiveEntries = (site: Site) => entries(site, '.interactive.json');
const chartFiles = (site: Site, ext = '.json') => new Map([...filesOf(path.join(site.root, 'dist', 'charts'))].filter(([f]) => f.endsWith(ext)));

/**
 * The interactive layer's chart files (tests/fixtures/long-series: a long series, a map) are
 * compiled by the chart workers when the charts are drawn and served from the chart cache: the
 * same bytes the chart route made when it compiled them in the build's main thread. The CSV of
 * every row is kept there too, written when the chart's data was bound.
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

    // Charts drawn in the main thread leave the compile to the route; the workers keep it.
    const before = chartFiles(mainThread);
    const after = chartFiles(workers);
    const csvBefore = chartFiles(workers, '.csv');
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(interactiveEntries(mainThread)).toEqual([]);
    expect(interactiveEntries(workers)).toHaveLength(before.size);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    expect(JSON.parse(after.values().next().value!.toString('utf8'))).toHaveProperty('views.wide');
    // Each is what Vega-Lite and Vega's parse make of the chart's spec with every row carried
    // through them: the rows set aside for the compile are all back, in the right places. The
    // workers keep no spec beside the file they compiled; the site drawn in the main thread kept
    // each one (the same charts, under the same keys) for its route to compile.
    const artifacts = path.join(workers.root, '.tally-cache', 'artifacts');
    const specs = path.join(mainThread.root, '.tally-cache', 'artifacts');
    for (const entry of interactiveEntries(workers)) {
      const specEntry = entry.replace(/\.interactive\.json$/, '.spec.json');
      expect(fs.existsSync(path.join(artifacts, specEntry)), entry).toBe(false);
      const spec = readEntryText(path.join(specs, specEntry));
      expect(spec, entry).toBeDefined();
      expect(readEntryText(path.join(artifacts, entry)), entry).toBe(compiledWithRows(JSON.parse(spec!) as Record<string, unknown>));
    }

    // The route serves the cached file: a stand-in written there is what the next build publishes.
    for (const entry of interactiveEntries(workers)) writeEntry(path.join(workers.root, '.tally-cache', 'artifacts', entry), `{"cached":"${path.basename(entry)}"}`);
    for (const dir of ['dist', '.astro']) fs.rmSync(path.join(workers.root, dir), { recursive: true, force: true });
    // Half the CSVs as stand-ins (served from the cache), half removed (bound again by the route).
    const csvEntries = entries(workers, '.csv').sort();
    expect(csvEntries).toHaveLength(csvBefore.size);
    csvEntries.forEach((entry, i) => {
      const file = path.join(workers.root, '.tally-cache', 'artifacts', entry);
      if (i % 2) writeEntry(file, 'cached\r\n');
      else fs.rmSync(file);
    });
    const c = await buildSite(workers);
    expect(c.ok, c.output).toBe(true);
    const csvAfter = chartFiles(workers, '.csv');
    const standIns = [...csvAfter].filter(([, bytes]) => bytes.toString('utf8') === 'cached\r\n');
    expect(standIns).toHaveLength(Math.floor(csvEntries.length / 2));
    for (const [file, bytes] of csvAfter) if (!standIns.some(([f]) => f === file)) expect(bytes.equals(csvBefore.get(file)!), file).toBe(true);
    const served = [...chartFiles(workers).values()].map((bytes) => JSON.parse(bytes.toString('utf8')) as { cached?: string });
    expect(served).toHaveLength(before.size);
    for (const file of served) expect(file.cached).toMatch(/\.interactive\.json$/);
  }, 600_000);
});
