import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSvgToPng } from '../../src/renditions/png/png-cache.ts';
import { closeRasterPool, rasterPoolSize, rasterRequests, type RasterWhat } from '../../src/renditions/png/raster-pool.ts';
import { pngSize } from '../../src/renditions/png/svg-to-png.ts';
import { readPng } from './png.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const what: RasterWhat = { stage: 'drawing the email PNG', issue: 'test', chart: 'test.vl.json', file: 'test.vl.json' };
const svg = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="5" y="5" width="10" height="10" fill="${fill}"/><text x="20" y="15" font-family="Inter, Helvetica Neue, Arial, sans-serif" font-size="10">Ag</text></svg>`;

describe('PNG rendering and its cache', () => {
  let tmp: string;
  const saved = process.env.TALLY_ROOT;
  beforeAll(() => {
    tmp = tempDir('tally-png-');
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(tmp, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    process.env.TALLY_ROOT = tmp;
  });
  afterAll(async () => {
    await closeRasterPool();
    if (saved === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const cached = () => fs.readdirSync(path.join(tmp, '.tally-cache', 'png'), { recursive: true }).filter((f) => String(f).endsWith('.png'));

  it('draws at the zoom asked, opaque, and stores one entry per SVG and zoom', async () => {
    const a = await cachedSvgToPng(svg('red'), 2, what);
    expect(pngSize(a.png)).toEqual({ width: 80, height: 40 });
    expect(readPng(a.png).opaque).toBe(true);
    const again = await cachedSvgToPng(svg('red'), 2, what);
    expect(again.png.equals(a.png)).toBe(true);
    await cachedSvgToPng(svg('blue'), 2, what);
    await cachedSvgToPng(svg('red'), 1, what);
    expect(cached().length).toBe(3);
  });

  it('starts no rasterizer process when every PNG is cached', async () => {
    await cachedSvgToPng(svg('red'), 2, what);
    await closeRasterPool();
    expect(rasterPoolSize()).toBe(0);
    const hit = await cachedSvgToPng(svg('red'), 2, what);
    expect(pngSize(hit.png)).toEqual({ width: 80, height: 40 });
    expect(rasterPoolSize()).toBe(0);
  });

  it('draws once an SVG asked for again while it is being drawn', async () => {
    const before = rasterRequests();
    const [a, b, c] = await Promise.all([cachedSvgToPng(svg('purple'), 2, what), cachedSvgToPng(svg('purple'), 2, what), cachedSvgToPng(svg('purple'), 1, what)]);
    expect(rasterRequests() - before).toBe(2);
    expect(b.png.equals(a.png)).toBe(true);
    expect(pngSize(c.png)).toEqual({ width: 40, height: 20 });
    // Once drawn it is read from the store, not drawn again.
    await cachedSvgToPng(svg('purple'), 2, what);
    expect(rasterRequests() - before).toBe(2);
  });

  it('draws again over a damaged entry', async () => {
    const first = await cachedSvgToPng(svg('green'), 2, what);
    const before = new Set(cached());
    const [entry] = cached().filter((f) => fs.readFileSync(path.join(tmp, '.tally-cache', 'png', String(f))).subarray(-first.png.length).equals(first.png));
    expect(before.has(entry!)).toBe(true);
    // A PNG cut short keeps a valid header: only the recorded digest tells it from the whole one.
    fs.writeFileSync(path.join(tmp, '.tally-cache', 'png', String(entry)), fs.readFileSync(path.join(tmp, '.tally-cache', 'png', String(entry))).subarray(0, 200));
    const redrawn = await cachedSvgToPng(svg('green'), 2, what);
    expect(redrawn.png.equals(first.png)).toBe(true);
  });
});
