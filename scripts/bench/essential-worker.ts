/** A bare render worker: vega-lite compile + vega SVG in one theme, nothing of Tally's but the theme config. */
import { parentPort } from 'node:worker_threads';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { lightTheme } from '../../src/charts/theme.ts';

process.env.TZ = 'UTC';

parentPort!.on('message', async (job: { id: number; spec: TopLevelSpec }) => {
  const t = performance.now();
  const view = new vega.View(vega.parse(compile(job.spec, { config: lightTheme }).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  parentPort!.postMessage({ id: job.id, ms: performance.now() - t, bytes: svg.length });
});
