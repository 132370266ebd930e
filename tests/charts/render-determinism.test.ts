import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Renderer } from '../../src/charts/render-cache.ts';
import { createRenderPool } from '../../src/build/render-pool.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { interactiveChartJson } from '../../src/charts/interactive-spec.ts';
import type { LayoutName } from '../../src/charts/chart-layout.ts';

const values = Array.from({ length: 40 }, (_, i) => ({ d: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, v: Math.sin(i) * 10 + i, g: i % 3 ? 'a' : 'b' }));

/** Charts whose SVG carries ids (clip paths, gradients) and randomness (jitter by random sampling). */
const SPECS: Record<string, Record<string, unknown>> = {
  clipped: { data: { values }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'd', type: 'temporal' }, y: { field: 'v', type: 'quantitative', scale: { domain: [0, 20] } }, color: { field: 'g' } } },
  gradient: {
    data: { values },
    mark: { type: 'area', color: { gradient: 'linear', stops: [{ offset: 0, color: 'white' }, { offset: 1, color: 'darkgreen' }] } },
    encoding: { x: { field: 'd', type: 'temporal' }, y: { field: 'v', type: 'quantitative', aggregate: 'sum' } },
  },
  sampled: { data: { values }, transform: [{ sample: 10 }], mark: 'point', encoding: { x: { field: 'd', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
  faceted: { data: { values }, facet: { field: 'g' }, spec: { mark: { type: 'bar', clip: true }, encoding: { x: { field: 'd', type: 'ordinal' }, y: { field: 'v', type: 'quantitative' } } } },
};
const JOBS = Object.keys(SPECS).flatMap((name) => (['wide', 'narrow'] as const).map((layout) => ({ name, layout })));

async function renderAll(order: { name: string; layout: LayoutName }[], render: Renderer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(order.map(async ({ name, layout }) => out.set(`${name}:${layout}`, (await render(SPECS[name]!, `${name}.vl.json`, layout)).svg)));
  return out;
}

const pool = createRenderPool(pathToFileURL(path.resolve(import.meta.dirname, '../../src/build/render-worker.ts')), Math.max(2, os.availableParallelism()));
afterAll(() => pool.close());

describe('chart rendering is deterministic', () => {
  it('gives the same bytes whatever the order, the thread or the worker', async () => {
    const inOrder = await renderAll(JOBS, renderSvg);
    // Render everything once more first, so Vega's process-wide id counters have moved on.
    const reversed = await renderAll([...JOBS].reverse(), renderSvg);
    const shuffled = [...JOBS.slice(3), ...JOBS.slice(0, 3)];
    const inWorkers = await renderAll([...shuffled, ...shuffled], pool.render);
    expect(inOrder.get('clipped:wide')).toMatch(/clip-path="url\(#c\w+-wide-clip-1\)"/);
    expect(inOrder.get('gradient:narrow')).toMatch(/fill="url\(#c\w+-narrow-gradient-\d\)"/);
    for (const key of inOrder.keys()) {
      expect(reversed.get(key), key).toBe(inOrder.get(key));
      expect(inWorkers.get(key), key).toBe(inOrder.get(key));
    }
  });

  it('compiles the interactive file to the same bytes in a worker as in this thread, whatever it did before', async () => {
    const here = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, interactiveChartJson(JSON.stringify(spec))]));
    const names = Object.keys(SPECS);
    // Each worker draws and compiles other charts in between, so Vega-Lite's and Vega's counters move on.
    const there = await Promise.all([...names, ...[...names].reverse()].map(async (name) => {
      await pool.render(SPECS[name]!, `${name}.vl.json`, 'narrow');
      return [name, await pool.interactive(JSON.stringify(SPECS[name]))] as const;
    }));
    expect(JSON.parse(here.clipped!)).toHaveProperty('views.wide');
    for (const [name, json] of there) expect(json, name).toBe(here[name]);
  });

    it('keeps ids unique per chart and per layout', async () => {
    const all = await renderAll(JOBS, renderSvg);
    const ids = [...all.values()].flatMap((svg) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the render pool', () => {
  it('rejects every job, without respawning forever, when its worker entry cannot load', async () => {
    const broken = createRenderPool(pathToFileURL(path.resolve(import.meta.dirname, 'no-such-worker.ts')), 2);
    await expect(broken.render(SPECS.clipped!, 'x.vl.json', 'wide')).rejects.toThrow();
    await expect(broken.render(SPECS.clipped!, 'x.vl.json', 'wide')).rejects.toThrow();
    expect(broken.broken).toBeInstanceOf(Error);
    await broken.close();
  });

  it('replaces a worker that runs out of memory on a chart, and goes on with the next', async () => {
    const pool = createRenderPool(pathToFileURL(path.resolve(import.meta.dirname, 'workers/hungry-worker.ts')), 1, { oldSpaceMb: 32 });
    await expect(pool.render({ eat: 1 }, 'small.vl.json', 'wide')).resolves.toMatchObject({ svg: '<svg>1</svg>' });
    await expect(pool.render({ eat: 400 }, 'huge.vl.json', 'wide')).rejects.toThrow(/memory/i);
    expect(pool.broken).toBeUndefined();
    await expect(pool.render({ eat: 2 }, 'small.vl.json', 'wide')).resolves.toMatchObject({ svg: '<svg>2</svg>' });
    await pool.close();

    // Even when the chart is the worker's very first: it loaded, so the pool is not broken.
    const fresh = createRenderPool(pathToFileURL(path.resolve(import.meta.dirname, 'workers/hungry-worker.ts')), 1, { oldSpaceMb: 32 });
    await new Promise((r) => setTimeout(r, 500));
    await expect(fresh.render({ eat: 400 }, 'huge.vl.json', 'wide')).rejects.toThrow(/memory/i);
    expect(fresh.broken).toBeUndefined();
    await expect(fresh.render({ eat: 1 }, 'small.vl.json', 'wide')).resolves.toMatchObject({ svg: '<svg>1</svg>' });
    await fresh.close();
  });
});
