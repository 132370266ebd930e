import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveColours } from '../../src/charts/css-colours.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { TallyError } from '../../src/core/errors.ts';
import { interFontFiles } from '../../src/renditions/png/inter-fonts.ts';
import { closeRasterPool, rasterize, rasterPoolSize, rasterPoolStarts, type RasterWhat } from '../../src/renditions/png/raster-pool.ts';
import { pngSize } from '../../src/renditions/png/svg-to-png.ts';
import { readPng } from '../email/png.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const POOL = path.join(ROOT, 'src', 'renditions', 'png', 'raster-pool.ts');
const what: RasterWhat = { stage: 'drawing the email PNG', issue: 'scatter', chart: 'content/issues/scatter/points.vl.json', file: 'content/issues/scatter/points.vl.json' };
const plain = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect x="2" y="2" width="6" height="6" fill="red"/></svg>';
const marked = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><!-- tally-test-abort --><rect width="5" height="5"/></svg>';

/** A Vega-Lite scatter plot zoomed in on x with "clip": true, and one point (x = 60) far beyond the domain. */
const clippedScatter = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 5 }, { x: 3, y: 3 }, { x: 4, y: 9 }, { x: 60, y: 4 }] },
  mark: { type: 'circle', clip: true },
  encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0, 5] } }, y: { field: 'y', type: 'quantitative' } },
};

/** Runs an ES module in a plain Node process of its own; stdin carries `input`. */
function runNode(code: string, input = '', env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { input, encoding: 'utf8', timeout: 60_000, cwd: ROOT, env: { ...process.env, TALLY_ROOT: ROOT, ...env } });
}

describe('the rasterizer pool', () => {
  let scatter: string;
  beforeAll(async () => {
    // In the light palette, as the email draws it (css-colours.ts).
    scatter = resolveColours((await renderSvg(clippedScatter, 'points.vl.json', 'wide')).svg, 'light');
  });
  afterAll(async () => {
    delete process.env.TALLY_TEST_RASTER_ABORT;
    await closeRasterPool();
  });

  it('draws the clipped scatter plot on which resvg itself aborts its process', async () => {
    // resvg alone, in a process of its own: the point far outside the plot makes it panic.
    const raw = runNode(
      `import { Resvg } from '@resvg/resvg-js'; let s = ''; for await (const c of process.stdin) s += c; new Resvg(s, { fitTo: { mode: 'zoom', value: 2 } }).render(); console.log('drawn');`,
      scatter,
    );
    expect(raw.signal).toBe('SIGABRT');
    expect(raw.stderr).toContain('geom.rs:27');

    const { png, width, height } = await rasterize(scatter, 2, what);
    expect(pngSize(png)).toEqual({ width, height });
    // The same picture as with the point moved just outside the plot, where resvg copes with it.
    // The point's circle starts at its right edge, its arcs relative to there (compact-svg.ts).
    const outlier = /\sd="M(\d+(?:\.\d+)?) /.exec(scatter.slice(scatter.indexOf('aria-label="x: 60')))!;
    expect(Number(outlier[1])).toBeGreaterThan(3000);
    const near = scatter.replace(`d="M${outlier[1]} `, 'd="M700 ');
    const expected = new Resvg(near, {
      fitTo: { mode: 'zoom', value: 2 },
      background: '#ffffff',
      font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
    }).render();
    expect(readPng(png).rgba!.equals(readPng(expected.asPng()).rgba!)).toBe(true);
  });

  it('survives a child that aborts, draws the job once more in a fresh child, then names it in a RasterCrash', async () => {
    await closeRasterPool();
    process.env.TALLY_TEST_RASTER_ABORT = '1';
    const started = rasterPoolStarts();
    const others = [1, 2, 3].map(() => rasterize(plain, 1, what));
    const crash = await rasterize(marked, 1, what).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(crash).toBeInstanceOf(TallyError);
    const err = crash as TallyError;
    expect(err.code).toBe('RasterCrash');
    expect(err.where).toEqual({ file: 'content/issues/scatter/points.vl.json' });
    expect(err.message).toBe(
      'content/issues/scatter/points.vl.json: The PNG rasterizer (resvg) crashed twice while drawing the email PNG for the chart content/issues/scatter/points.vl.json of issue "scatter": its process ended with SIGABRT (tally-test-abort: aborting on the marked SVG, as TALLY_TEST_RASTER_ABORT=1 asks).',
    );
    expect(err.hint).toContain('draws fine on the web page');
    // The drawings beside it are not lost, and the pool goes on drawing.
    for (const p of await Promise.all(others)) expect(pngSize(p.png)).toEqual({ width: 20, height: 10 });
    expect((await rasterize(plain, 2, what)).width).toBe(40);
    // The children that died: the first and the one fresh child it was retried in.
    const crashed = rasterPoolStarts() - started - rasterPoolSize();
    expect(crashed).toBe(2);
    await closeRasterPool();
    expect(rasterPoolSize()).toBe(0);
  });

  it('names the issue and the social card stage when the card crashes', async () => {
    process.env.TALLY_TEST_RASTER_ABORT = '1';
    const card: RasterWhat = { stage: 'drawing the social card', issue: 'scatter', file: 'issues/scatter/index.html' };
    const err = (await rasterize(marked, 1, card).catch((e: unknown) => e)) as TallyError;
    expect(err.code).toBe('RasterCrash');
    expect(err.message).toMatch(/^issues\/scatter\/index\.html: The PNG rasterizer \(resvg\) crashed twice while drawing the social card for issue "scatter": its process ended with SIGABRT/);
    expect(err.hint).toContain('only its Open Graph image failed');
    delete process.env.TALLY_TEST_RASTER_ABORT;
  });

  it('reports an SVG that resvg refuses as a plain error, without a retry', async () => {
    await closeRasterPool();
    const started = rasterPoolStarts();
    await expect(rasterize('not an svg', 1, what)).rejects.toThrow(/SVG data parsing failed/);
    await closeRasterPool();
    expect(rasterPoolStarts() - started).toBe(1);
  });

  it('keeps no process alive: a script that draws and crashes, and never closes the pool, exits by itself', () => {
    const r = runNode(
      `import { rasterize } from ${JSON.stringify(POOL)};
       const what = ${JSON.stringify(what)};
       const drawn = await rasterize(${JSON.stringify(plain)}, 1, what);
       const code = await rasterize(${JSON.stringify(marked)}, 1, what).then(() => 'no error', (e) => e.code);
       console.log(drawn.width, code);`,
      '',
      { TALLY_TEST_RASTER_ABORT: '1' },
    );
    expect(r.error).toBeUndefined();
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('20 RasterCrash');
  });

  it('holds the process while closing, so code after closeRasterPool still runs', () => {
    const r = runNode(
      `import { closeRasterPool, rasterize, rasterPoolSize } from ${JSON.stringify(POOL)};
       const drawn = await rasterize(${JSON.stringify(plain)}, 1, ${JSON.stringify(what)});
       await closeRasterPool();
       console.log(drawn.width, rasterPoolSize(), 'closed');`,
    );
    expect(r.stderr).not.toContain('unsettled top-level await');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('20 0 closed');
  });
});
