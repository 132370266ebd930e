import { fileURLToPath } from 'node:url';
import type { Plugin, Rolldown, UserConfig } from 'vite';

type OnLog = NonNullable<Rolldown.InputOptions['onLog']>;

/** Vite's own limit for a chunk a browser downloads, in kB of minified code. */
const CHUNK_LIMIT_KB = 500;
/**
 * The interactive chart layer (Vega's runtime and vega-tooltip: 378 kB minified, 134 kB gzipped,
 * docs/reader-interactivity.md) is one chunk by design: watch-charts.ts imports it only when a
 * reader reaches a chart, and all of it is needed to draw one, so splitting it would not load
 * less. It gets a budget of its own, near its size, so that growth is seen; every other chunk
 * keeps Vite's limit.
 */
const INTERACTIVE_LAYER = fileURLToPath(new URL('../client/mount-chart.ts', import.meta.url));
const INTERACTIVE_LAYER_KB = 400;

/**
 * The Vite settings of `astro build` that keep its output to what a reader of it can act on:
 * the log filter below, and Vite's chunk-size check replaced by one that knows the interactive
 * layer (Vite's names no chunk, so a new large chunk would hide behind the known one).
 */
export function quietBuildConfig(): UserConfig {
  return {
    plugins: [chunkBudget()],
    build: { chunkSizeWarningLimit: Number.MAX_SAFE_INTEGER, rolldownOptions: { onLog: dropKnownNoise } },
  };
}

/**
 * Astro 7.3 starts each MDX page's `?astroPropagatedAssets` module with the directive
 * "use astro:head-inject", which Rolldown warns it may drop when bundling (one warning per
 * issue). Dropping it is harmless: Astro finds head propagation by that module id
 * (astro/dist/vite-plugin-head), and nothing reads the directive (withastro/astro#18087).
 * Only that warning is dropped; every other one is passed on as it was.
 */
export const dropKnownNoise: OnLog = (level, log, handler) => {
  if (level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
  handler(level, log);
};

/** Warns, naming it, about a client chunk over its budget. */
export function chunkBudget(): Plugin {
  return {
    name: 'tally:chunk-budget',
    apply: 'build',
    applyToEnvironment: (env) => env.config.consumer === 'client',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const limit = chunk.facadeModuleId === INTERACTIVE_LAYER ? INTERACTIVE_LAYER_KB : CHUNK_LIMIT_KB;
        const kb = Math.round(chunk.code.length / 1000);
        if (kb > limit) this.warn(`${chunk.fileName} is ${kb} kB minified, over its ${limit} kB budget (src/integration/build-logs.ts): load the part a reader does not need up front with a dynamic import().`);
      }
    },
  };
}
