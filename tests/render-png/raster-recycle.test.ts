import { afterEach, describe, expect, it } from 'vitest';
import { TallyError } from '../../src/core/errors.ts';
import { closeRasterPool, rasterize, rasterPoolStarts, setDrawingsPerChild, type RasterWhat } from '../../src/renditions/png/raster-pool.ts';
import { pngSize } from '../../src/renditions/png/svg-to-png.ts';

const what: RasterWhat = { stage: 'drawing the email PNG', issue: 'recycle', chart: 'content/issues/recycle/bars.vl.json', file: 'content/issues/recycle/bars.vl.json' };

/** Twelve different drawings, with text so each fresh child must load the fonts again. */
const drawings = Array.from(
  { length: 12 },
  (_, i) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${60 + i * 7}" height="40"><rect x="${i}" y="4" width="${10 + i * 3}" height="20" fill="#${(0x224488 + i * 0x0a1307).toString(16).slice(-6)}"/><text x="4" y="36" font-family="Inter" font-size="11">Chart ${i}: ${'%'.repeat(i % 4)}</text></svg>`,
);
const marked = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><!-- tally-test-abort --><rect width="5" height="5"/></svg>';

/** Draws every SVG at once over the pool, then ends it: the PNGs, and the processes started meanwhile. */
async function drawAll(svgs: string[], zoom = 2): Promise<{ pngs: Buffer[]; starts: number }> {
  const before = rasterPoolStarts();
  const pngs = (await Promise.all(svgs.map((s) => rasterize(s, zoom, what)))).map((p) => p.png);
  await closeRasterPool();
  return { pngs, starts: rasterPoolStarts() - before };
}

describe('rasterizer children replaced after some drawings', () => {
  afterEach(async () => {
    delete process.env.TALLY_TEST_RASTER_ABORT;
    await closeRasterPool();
    setDrawingsPerChild();
  });

  it('draws the same PNG bytes with children replaced every 3 drawings as with children never replaced', async () => {
    setDrawingsPerChild(Infinity);
    const kept = await drawAll(drawings);
    // One child per core, at most four: none replaced.
    expect(kept.starts).toBeLessThanOrEqual(4);
    expect(kept.starts).toBeGreaterThanOrEqual(1);

    setDrawingsPerChild(3);
    const replaced = await drawAll(drawings);
    // Twelve drawings, three a child: at least four children, each started after the last ended.
    expect(replaced.starts).toBeGreaterThanOrEqual(4);
    expect(replaced.pngs.length).toBe(drawings.length);
    replaced.pngs.forEach((png, i) => {
      expect(pngSize(png)).toEqual({ width: 2 * (60 + i * 7), height: 80 });
      expect(png.equals(kept.pngs[i]!)).toBe(true);
    });
  });

  it('starts exactly one child per drawing when each child draws once: no drawing lost, none drawn twice, no child idle', async () => {
    setDrawingsPerChild(1);
    const once = await drawAll(drawings.slice(0, 5), 1);
    expect(once.starts).toBe(5);
    expect(once.pngs.map((p) => pngSize(p)?.width)).toEqual([60, 67, 74, 81, 88]);
  });

  it('still retries a drawing whose child dies, once, beside children being replaced', async () => {
    setDrawingsPerChild(1);
    process.env.TALLY_TEST_RASTER_ABORT = '1';
    const before = rasterPoolStarts();
    const others = drawings.slice(0, 3).map((s) => rasterize(s, 1, what));
    const crash = await rasterize(marked, 1, what).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(crash).toBeInstanceOf(TallyError);
    expect((crash as TallyError).code).toBe('RasterCrash');
    expect((await Promise.all(others)).map((p) => p.width)).toEqual([60, 67, 74]);
    await closeRasterPool();
    // One child for each drawing, and two for the one that crashed (it is drawn once more in a fresh child).
    expect(rasterPoolStarts() - before).toBe(3 + 2);
  });

  it('refuses a count below one', () => {
    expect(() => setDrawingsPerChild(0)).toThrow(RangeError);
    expect(() => setDrawingsPerChild(Number.NaN)).toThrow(RangeError);
  });
});
