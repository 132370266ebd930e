import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chartFileStore } from '../cache/chart-file-store.ts';
import { store } from '../cache/stores.ts';
import { withCompileCache } from '../cache/node-compile-cache.ts';
import { projectRoot } from '../core/paths.ts';
import { createArtifactStore, type ArtifactStore, type InteractiveCompiler } from '../charts/chart-artifacts.ts';
import { createRenderCache, type RenderCache, type Renderer } from '../charts/render-cache.ts';
import { createRenderPool, type RenderPool } from './render-pool.ts';
import { livePools } from './live-pools.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { interactiveFileFromRows } from '../charts/interactive-from-rows.ts';
import type { WorkerJob } from './render-worker-protocol.ts';

/**
 * A worker costs about 0.6 s of CPU before its first chart (it loads Vega and Vega-Lite): about
 * the work of ten charts of the bench corpus (both layouts and the interactive compile, 60 ms a
 * chart in a cold build). A build that draws a few charts, as when one issue's data changed,
 * starts one worker per this many of them, and leaves the other cores to the pages Astro copies
 * meanwhile.
 */
export const CHARTS_PER_WORKER = 10;

/** Workers for a build that will draw at most `charts` charts, with at most `cores` of them. */
export function chartWorkersFor(charts: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.ceil(charts / CHARTS_PER_WORKER)));
}

type ExpectedSlot = { __tallyExpectedCharts?: number | undefined };

/**
 * Tells the renderer, before its first chart, how many charts this build may draw at most (the
 * prefetch counts them): the worker pool is sized by chartWorkersFor. Not called, one worker per
 * core.
 */
export function expectCharts(charts: number | undefined): void {
  (globalThis as ExpectedSlot).__tallyExpectedCharts = charts;
}

/**
 * The build's chart renderer: the disk cache in front of a pool of worker threads, one per core
 * (`TALLY_CHART_WORKERS` overrides; 0 renders in this thread). Kept on globalThis so that
 * `astro dev`, which re-evaluates modules after edits, does not start a pool per reload.
 */
export function chartRenderer(): RenderCache {
  return renderers().cache;
}

function renderers(): { cache: RenderCache; interactive: InteractiveCompiler | undefined } {
  const root = projectRoot();
  const charts = store('charts', root);
  const codeVersion = charts.version();
  const slot = globalThis as { __tallyCharts?: { id: string; cache: RenderCache; interactive: InteractiveCompiler | undefined } };
  const id = `${root}\0${codeVersion}`;
  if (slot.__tallyCharts?.id !== id) {
    const { render, interactive } = pooledRenderer(root);
    slot.__tallyCharts = { id, cache: createRenderCache({ dir: charts.dir, codeVersion, render }), interactive };
  }
  return slot.__tallyCharts;
}

/**
 * The build's charts, cached whole by their inputs in `.tally-cache/artifacts/` (their CSV and
 * interactive files in the chart file store, `.tally-cache/chart-files/`), made through
 * chartRenderer() when missing. On globalThis for the same reason as the renderer.
 */
export function chartArtifacts(): ArtifactStore {
  const root = projectRoot();
  const { cache: renderer, interactive } = renderers();
  const artifacts = store('artifacts', root);
  const codeVersion = artifacts.version();
  const slot = globalThis as { __tallyArtifacts?: { renderer: RenderCache; codeVersion: string; store: ArtifactStore } };
  if (slot.__tallyArtifacts?.renderer !== renderer || slot.__tallyArtifacts.codeVersion !== codeVersion) {
    slot.__tallyArtifacts = { renderer, codeVersion, store: createArtifactStore({ dir: artifacts.dir, codeVersion, renderer, interactive, files: chartFileStore(root) }) };
  }
  return slot.__tallyArtifacts.store;
}

/**
 * The pool's renderer, and the interactive layer's compile in the same workers (none when charts
 * render in this thread: the chart route then compiles it itself, as it always can).
 */
function pooledRenderer(root: string): { render: Renderer; interactive: InteractiveCompiler | undefined } {
  const size = process.env.TALLY_CHART_WORKERS === undefined ? os.availableParallelism() : Number(process.env.TALLY_CHART_WORKERS) || 0;
  // The worker entry is the source file itself, loaded by Node (not a chunk of Vite's bundle).
  const entry = path.join(root, 'src', 'build', 'render-worker.ts');
  const stats = process.env.TALLY_CHART_STATS;
  // One line per job: a drawing's milliseconds, or `<kind> <ms>` for a compile (`interactive`: the
  // whole file from the spec's JSON; `dataflow`: a layout's spec without its rows).
  const note = stats ? (ms: number, kind: WorkerJob['kind'] = 'svg') => fs.appendFileSync(stats, `${kind === 'svg' ? '' : `${kind} `}${ms.toFixed(1)}\n`) : undefined;
  if (size < 1 || !fs.existsSync(entry)) {
    const render: Renderer = async (spec, file, layout, specJson) => {
      const t = performance.now();
      const r = await renderSvg(spec, file, layout, specJson);
      note?.(performance.now() - t);
      return r;
    };
    return { render, interactive: undefined };
  }
  // Started on the first job, not before: a build whose charts are all cached (the chart routes
  // ask for the store) starts no worker, and none is left loading when the process exits.
  let started: RenderPool | undefined;
  const pool = (): RenderPool => {
    if (started) return started;
    const expected = (globalThis as ExpectedSlot).__tallyExpectedCharts;
    const workers = expected === undefined || process.env.TALLY_CHART_WORKERS !== undefined ? size : chartWorkersFor(expected, size);
    livePools().add((started = createRenderPool(pathToFileURL(entry), workers, { onRendered: note, env: withCompileCache(root) })));
    return started;
  };
  // A chart a worker could not render is rendered again here, to raise the located error.
  let warned = false;
  const render: Renderer = (spec, file, layout, specJson) =>
    pool()
      .render(spec, file, layout, specJson)
      .catch(() => {
        const broken = pool().broken;
        if (broken && !warned) {
          warned = true;
          console.warn(`[tally] Chart workers could not start (${broken.message}); rendering charts in the main thread.`);
        }
        return renderSvg(spec, file, layout, specJson);
      });
  // The file is made here from the rows, only the specs without them compiled in the workers;
  // a chart that cannot be (a composite) is compiled whole in a worker from its JSON.
  const interactive: InteractiveCompiler = async (spec, specJson) =>
    (await interactiveFileFromRows(spec, (layout, json) => pool().dataflow(layout, json))) ?? pool().interactive(specJson ?? JSON.stringify(spec));
  return { render, interactive };
}

