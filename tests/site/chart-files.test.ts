import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInteractiveFile, type InteractiveFile } from '../../src/charts/interactive-file.ts';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

const JSON_FILE = 'dist/charts/alpha/price.json';
const CSV_FILE = 'dist/charts/alpha/price.csv';
const PUBLISHED = [JSON_FILE, CSV_FILE];

/** How the build got the issue page: copied from Astro's cache, or rendered. */
const pageWas = (r: BuildResult) => (/\/issues\/alpha\/index\.html \((?:restored|cached)\)/.test(r.output) ? 'copied' : /\/issues\/alpha\/index\.html/.test(r.output) ? 'rendered' : 'absent');

/** The store's file holding the same inode as a published file. */
function storeFileOf(site: Site, published: string): string | undefined {
  const dir = path.join(site.root, '.tally-cache', 'chart-files', 'files');
  const ino = fs.statSync(path.join(site.root, published)).ino;
  return fs.readdirSync(dir).map((name) => path.join(dir, name)).find((abs) => fs.statSync(abs).ino === ino);
}

async function build(site: Site): Promise<BuildResult> {
  // As npm run build does: the swap always starts from an empty folder.
  fs.rmSync(path.join(site.root, 'dist'), { recursive: true, force: true });
  const r = await buildSite(site);
  expect(r.ok, r.output).toBe(true);
  return r;
}

describe('chart files are published by hard link from the chart file store', () => {
  let site: Site;
  let clean: Map<string, Buffer>;
  const published = () => new Map(PUBLISHED.map((f) => [f, fs.readFileSync(path.join(site.root, f))]));

  beforeAll(async () => {
    site = makeSite('basic');
    const first = await build(site);
    expect(pageWas(first)).toBe('rendered');
    clean = published();
  }, 300_000);

  it('writes the interactive file and the CSV, linked to the store and not routed by Astro', () => {
    const file = readInteractiveFile(JSON.parse(clean.get(JSON_FILE)!.toString('utf8')) as InteractiveFile);
    expect(file.data.flat().length).toBeGreaterThan(0);
    expect(clean.get(CSV_FILE)!.toString('utf8').split('\n')[0]).toMatch(/^date,/);
    for (const f of PUBLISHED) {
      expect(fs.statSync(path.join(site.root, f)).nlink).toBeGreaterThan(1);
      expect(fs.readFileSync(storeFileOf(site, f)!)).toEqual(clean.get(f));
    }
    // Astro's page cache holds pages only.
    expect(fs.existsSync(path.join(site.root, '.astro', 'cache', 'dist', 'charts'))).toBe(false);
  });

  it('a warm build copies the page and links the same bytes again', async () => {
    const warm = await build(site);
    expect(pageWas(warm)).toBe('copied');
    expect(published()).toEqual(clean);
    for (const f of PUBLISHED) expect(storeFileOf(site, f)).toBeDefined();
  }, 300_000);

  it.each([
    ['rewritten with other bytes of the same size', JSON_FILE, (abs: string) => fs.writeFileSync(abs, Buffer.alloc(fs.statSync(abs).size, 0x20))],
    ['truncated', CSV_FILE, (abs: string) => fs.truncateSync(abs, Math.floor(fs.statSync(abs).size / 2))],
  ])('a store file %s between builds is not published: the page is rendered again', async (_kind, file, damage) => {
    damage(storeFileOf(site, file)!);
    const next = await build(site);
    expect(pageWas(next)).toBe('rendered');
    expect(published()).toEqual(clean);
    // Stored again, the page is copied by the build after.
    expect(pageWas(await build(site))).toBe('copied');
    expect(published()).toEqual(clean);
  }, 600_000);

  it("a chart's record deleted: the page is rendered again, then copied", async () => {
    const dir = path.join(site.root, '.tally-cache', 'chart-files');
    const records = fs.readdirSync(dir).filter((name) => /^[0-9a-f]{2}$/.test(name));
    expect(records.length).toBeGreaterThan(0);
    for (const name of records) fs.rmSync(path.join(dir, name), { recursive: true });
    expect(pageWas(await build(site))).toBe('rendered');
    expect(published()).toEqual(clean);
    expect(pageWas(await build(site))).toBe('copied');
    expect(published()).toEqual(clean);
  }, 600_000);
});
