/**
 * Measures the editor's preview loop in `astro dev`: the time from saving a data file to the
 * reload message (what the browser acts on) and to a page that shows the new number.
 * Not a test (no timing is asserted anywhere); run it by hand:
 *   node tests/dev/measure-preview.ts [port] [rounds] [basic|flagship]
 * `basic` edits the fixture's prices.csv; `flagship` edits the flagship's breadth.csv (65% of
 * members beating the index) in a copy of tests/fixtures/flagship, a page with six charts.
 */
import { performance } from 'node:perf_hooks';
import { figureText, makeFlagshipSite, makeSite } from '../helpers/site.ts';
import { startDevServer } from './dev-server.ts';

const port = Number(process.argv[2] ?? 4403);
const rounds = Number(process.argv[3] ?? 10);
const flagship = process.argv[4] === 'flagship';
/** Per case: the page, the file, the edit for round i, and the figure and text it must then show. */
const c = flagship
  ? { page: '/issues/fixture-rotation/', file: 'data/breadth.csv', from: /2026-01-21,[^\n]+/, to: (i: number) => `2026-01-21,0.${70 + i}0`, fig: 'breadthShare', shows: (i: number) => `${70 + i}%` }
  : { page: '/issues/alpha/', file: 'data/prices.csv', from: /2026-01-08,[^,]+,/, to: (i: number) => `2026-01-08,${200 + i},`, fig: 'lastPrice', shows: (i: number) => `$${200 + i}.00` };
const site = flagship ? makeFlagshipSite() : makeSite('basic');
const server = await startDevServer(site, port, c.page);
const reload: number[] = [];
const page: number[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    server.take();
    const t0 = performance.now();
    site.edit(c.file, (t) => t.replace(c.from, c.to(i)));
    if (!(await server.next('full-reload', 5_000))) throw new Error('no reload message');
    reload.push(performance.now() - t0);
    // What the browser does on that message: request the page again.
    const html = await (await fetch(server.base + c.page)).text();
    page.push(performance.now() - t0);
    const shown = figureText(html, c.fig)[0];
    if (shown !== c.shows(i)) throw new Error(`round ${i}: the page shows ${shown}, not ${c.shows(i)}`);
  }
} finally {
  await server.stop();
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;
};
console.log(`${rounds} edits of ${c.file}, page ${c.page}`);
console.log(`  save → reload message: ${stats(reload)}`);
console.log(`  save → updated page:   ${stats(page)}`);
