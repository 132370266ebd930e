import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSite, ROOT, type Site } from '../helpers/site.ts';
import { readPng } from '../email/png.ts';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** `npm run build` in the site's folder (scripts/build.ts: a failed build keeps the last good dist/), with its exit code and signal. */
function npmBuild(site: Site, env: Record<string, string> = {}): Promise<Run> {
  // Vitest's own NODE_ENV=test and MODE=test would make Vite treat the build as development.
  const { NODE_ENV: _n, VITEST: _v, VITEST_WORKER_ID: _w, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'build.ts')], { cwd: site.root, env: { ...parentEnv, ...env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
}

describe('a crash of the rasterizer in the email stage', () => {
  let site: Site;
  let good: Run;
  const emailCharts = () => fs.readdirSync(path.join(site.root, 'dist', 'email', 'charts'));
  beforeAll(() => {
    site = makeSite('raster-crash');
  });

  it('draws the clipped scatter plot that resvg used to abort on', async () => {
    good = await npmBuild(site);
    // Every step after the pool closes still runs: the build is swapped in whole.
    expect(good.output).toContain('Social cards: wrote 1 Open Graph image (0 reused, 1 drawn) into og/.');
    expect(good.output).toContain('Complete!');
    expect(good.output).toContain('[tally] The new build is in dist/.');
    expect(good.code).toBe(0);
    const [png, ...more] = emailCharts();
    expect(more).toEqual([]);
    const info = readPng(fs.readFileSync(path.join(site.root, 'dist', 'email', 'charts', png!)));
    expect(info.width).toBeGreaterThan(600);
    expect(info.opaque).toBe(true);
  }, 240_000);

  it('fails the build naming the issue, the chart and the stage, and keeps the last good dist/', async () => {
    expect(good.code).toBe(0);
    const before = emailCharts();
    // The marker changes the page, so neither the email nor the PNG comes from the cache.
    site.edit('content/issues/scatter/points.vl.json', (t) => t.replace('is clipped.', 'is clipped (tally-test-abort).'));
    const run = await npmBuild(site, { TALLY_TEST_RASTER_ABORT: '1' });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.output).toContain('[TallyRasterCrash] content/issues/scatter/points.vl.json: The PNG rasterizer (resvg) crashed twice while drawing the email PNG for the chart content/issues/scatter/points.vl.json of issue "scatter": its process ended with SIGABRT');
    expect(run.output).toContain('The chart draws fine on the web page');
    expect(run.output).toContain('The build failed (exit code 1); dist/ was left as it was');
    // Only the child aborted: the build process itself ended through its failed-build path.
    expect(run.output).not.toMatch(/core dumped|Native stack trace|fatal runtime error/);
    expect(emailCharts()).toEqual(before);
  }, 240_000);
});
