/**
 * `npm run bench [-- --n 50] [--data] [--keep]`: builds a generated corpus (N = 50 and 500 issues
 * by default) with Tally, cold, warm and with one issue's data changed; builds the same pages as
 * plain MDX (the floor); draws the same charts once each (one theme, one layout, every row) with
 * bare vega-lite + vega over a pool of workers (the essential chart cost); then the data-scale case (scripts/bench/data-scale.ts:
 * SQL figures over 10 million rows as Parquet and as a 1 GB CSV, against DuckDB alone). `--n`
 * alone runs only the corpus, `--data` alone only the data-scale case (`--data-days 400` makes
 * it 400,000 rows, for a quick try). Prints the ratios against the targets and writes them to
 * docs/benchmarks.md. See docs/benchmarks.md for what each number means.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changeOneCell, slugOf, writeCorpus } from './bench/corpus.ts';
import { benchDataScale } from './bench/data-scale.ts';
import { essentialCost } from './bench/essential.ts';
import { javascriptBytes, runBuild, type BuildRun } from './bench/measure.ts';
import { formatCpu } from './bench/proc-cpu.ts';
import { corpusMemoryTarget, machine, mib, sec, table, verdict, writeResults, type Row } from './bench/report.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json', 'scripts'];
const args = process.argv.slice(2);
const onlyData = args.includes('--data') && !args.includes('--n');
const withData = args.includes('--data') || !args.includes('--n');
const sizes = onlyData ? [] : args.includes('--n') ? [Number(args[args.indexOf('--n') + 1])] : [50, 500];
const dataDays = args.includes('--data-days') ? Number(args[args.indexOf('--data-days') + 1]) : undefined;
const keep = args.includes('--keep');

function makeSite(name: string, n: number, plain: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `tally-bench-${name}-${n}-`));
  for (const f of SITE_FILES) if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(root, f), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeCorpus(root, n, plain);
  return root;
}

function mustBuild(label: string, root: string, env: Record<string, string> = {}): Promise<BuildRun> {
  return runBuild(root, env).then((run) => {
    // Kept beside the site (with --keep) for the build's stage timings.
    fs.writeFileSync(path.join(root, `bench-${label.replace(/\W+/g, '-')}.log`), run.output);
    if (!run.ok) throw new Error(`${label} failed in ${root}:\n${run.output.slice(-4000)}`);
    console.log(`  ${label}: ${sec(run.wallMs)}, peak ${mib(run.peakPssBytes)} proportional (Pss), ${mib(run.peakRssBytes)} resident (RSS)`);
    return run;
  });
}

/**
 * The stats file's lines: a drawing's milliseconds, or `<kind> <ms>` for a compile in a worker:
 * `interactive` a chart's whole interactive file from its JSON (a composite), `dataflow` a
 * layout's spec without its rows (the main thread writes the rest of the file).
 */
const statLines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const renderTimes = (file: string) => statLines(file).filter((l) => /^[\d.]+$/.test(l)).map(Number);
const compileTimes = (file: string, kind: 'interactive' | 'dataflow') => statLines(file).filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.slice(kind.length + 1)));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
/** Every build and the bare charts, made this many times. */
const ROUNDS = 3;
/** The item of median `by` (of an odd number of items). */
const medianBy = <T>(xs: readonly T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)]!;
const medianRun = (rs: BuildRun[]) => medianBy(rs, (r) => r.wallMs);
const runs = (rs: BuildRun[]) => `median of ${rs.map((r) => sec(r.wallMs)).join(', ')}`;
const renders = (counts: number[]) => (counts.every((c) => c === counts[0]) ? `${counts[0]} renders each` : `${counts.join(', ')} renders`);

const MEMORY_NOTE =
  'Peak memory is the highest sum of the build process tree\'s proportional set size (Pss; read at most once a second, while the tree\'s resident sum, sampled every 100 ms, is within a tenth of its highest), where a page shared by several processes (Node\'s binary, libraries, mapped files) is divided between them; the resident sum (RSS) counts such a page once per process, so it is shown beside it for comparison but not judged.';

async function benchOne(n: number): Promise<string> {
  console.log(`\nN = ${n}`);
  const made: string[] = [];
  const fresh = (name: string, plain: boolean) => {
    const root = makeSite(name, n, plain);
    made.push(root);
    return root;
  };
  let floorSite = '';
  let site = '';
  let stats = '';
  try {
    // The cold builds and the bare charts take minutes, over which this machine's speed drifts
    // by a tenth: ROUNDS rounds of floor, bare charts and Tally, each on fresh sites, and the
    // medians compared.
    const floorColds: BuildRun[] = [];
    const essentials: Awaited<ReturnType<typeof essentialCost>>[] = [];
    const colds: BuildRun[] = [];
    const coldRenders: number[] = [];
    const coldCompiles: number[] = [];
    const coldDataflows: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      floorSite = fresh('floor', true);
      site = fresh('tally', false);
      stats = path.join(site, 'render-times.txt');
      floorColds.push(await mustBuild(`floor, cold ${round}`, floorSite));
      const essential = await essentialCost(n);
      essentials.push(essential);
      console.log(`  essential chart cost ${round}: ${sec(essential.wallMs)} for ${essential.renders} renders over ${os.availableParallelism()} workers`);
      colds.push(await mustBuild(`Tally, cold ${round}`, site, { TALLY_CHART_STATS: stats }));
      coldRenders.push(...renderTimes(stats));
      coldCompiles.push(...compileTimes(stats, 'interactive'));
      coldDataflows.push(...compileTimes(stats, 'dataflow'));
      fs.rmSync(stats, { force: true });
      // The rounds' sites but the last are done with: their disk space is given back now.
      if (round < ROUNDS && !keep) for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    }
    const floorCold = medianRun(floorColds);
    const essential = medianBy(essentials, (e) => e.wallMs);
    const cold = medianRun(colds);
    // A warm or changed build takes seconds, and the same build here can take a tenth longer a
    // few minutes later: each is built ROUNDS times, in rounds with the floor's warm build, on
    // the last round's sites, and the medians are compared.
    const changed = Math.floor(n / 2);
    const floorWarms: BuildRun[] = [];
    const warms: BuildRun[] = [];
    const changes: BuildRun[] = [];
    const accepts: number[] = [];
    const warmRenders: number[] = [];
    const changeRenders: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      floorWarms.push(await mustBuild(`floor, warm ${round}`, floorSite));
      warms.push(await mustBuild(`Tally, warm ${round}`, site, { TALLY_CHART_STATS: stats }));
      warmRenders.push(renderTimes(stats).length);
      fs.rmSync(stats, { force: true });
      changeOneCell(site, changed, round);
      // A published issue's data changed: the editor accepts the new numbers, then builds.
      const t = performance.now();
      execFileSync(process.execPath, ['scripts/figures.ts', '--accept', '--reason', 'Benchmark: one cell changed.'], { cwd: site, stdio: 'ignore' });
      accepts.push(performance.now() - t);
      changes.push(await mustBuild(`Tally, one issue changed ${round}`, site, { TALLY_CHART_STATS: stats }));
      changeRenders.push(renderTimes(stats).length);
      fs.rmSync(stats, { force: true });
    }
    const floorWarm = medianRun(floorWarms);
    const warm = medianRun(warms);
    const change = medianRun(changes);
    const acceptMs = medianBy(accepts, (ms) => ms);
    const js = javascriptBytes(path.join(site, 'dist'), `issues/${slugOf(changed)}`);
    const floorJs = javascriptBytes(path.join(floorSite, 'dist'), `issues/${slugOf(changed)}`);
    const peak = Math.max(...[...colds, ...warms, ...changes].map((r) => r.peakRssBytes));
    const peakPss = Math.max(...[...colds, ...warms, ...changes].map((r) => r.peakPssBytes));
    const floorPeak = Math.max(...[...floorColds, ...floorWarms].map((r) => r.peakRssBytes));
    const floorPeakPss = Math.max(...[...floorColds, ...floorWarms].map((r) => r.peakPssBytes));

    // The targets: cold ≤ 1.1 × (floor + essential), warm ≤ 1.05 × floor, one issue changed
    // ≤ 1.1 × floor + that issue's charts drawn once, peak proportional memory < 1.5 GiB.
    const coldTarget = 1.1 * (floorCold.wallMs + essential.wallMs);
    const warmTarget = 1.05 * floorWarm.wallMs;
    const changeTarget = 1.1 * floorWarm.wallMs + essential.issueMs(changed);
    const rows: Row[] = [
      { metric: 'cold build', value: `${sec(cold.wallMs)} (${runs(colds)})`, target: `≤ 1.1 × (floor ${sec(floorCold.wallMs)} (${runs(floorColds)}) + essential ${sec(essential.wallMs)} (${essentials.map((e) => sec(e.wallMs)).join(', ')})) = ${sec(coldTarget)}`, ratio: (cold.wallMs / coldTarget).toFixed(2), met: verdict(cold.wallMs <= coldTarget) },
      { metric: 'warm rebuild (nothing changed)', value: `${sec(warm.wallMs)} (${renders(warmRenders)}; ${runs(warms)})`, target: `≤ 1.05 × floor ${sec(floorWarm.wallMs)} (${runs(floorWarms)}) = ${sec(warmTarget)}`, ratio: (warm.wallMs / warmTarget).toFixed(2), met: verdict(warm.wallMs <= warmTarget) },
      { metric: 'one issue\'s data changed', value: `${sec(change.wallMs)} (${renders(changeRenders)}; ${runs(changes)}; accept ${sec(acceptMs)} before)`, target: `≤ 1.1 × floor + that issue's charts ${sec(essential.issueMs(changed))} = ${sec(changeTarget)}`, ratio: (change.wallMs / changeTarget).toFixed(2), met: verdict(change.wallMs <= changeTarget) },
      { metric: 'peak memory (proportional, Pss)', value: mib(peakPss), target: `< ${mib(corpusMemoryTarget)} (floor: ${mib(floorPeakPss)})`, ratio: (peakPss / corpusMemoryTarget).toFixed(2), met: verdict(peakPss < corpusMemoryTarget) },
      { metric: 'peak memory (resident, RSS), for comparison', value: mib(peak), target: `not judged (floor: ${mib(floorPeak)})`, ratio: (peak / corpusMemoryTarget).toFixed(2), met: '' },
      { metric: 'mean chart render (one chart, one layout)', value: `${mean(coldRenders).toFixed(0)} ms in Tally's workers (${coldRenders.length} renders in ${ROUNDS} cold builds: wide and narrow layouts, sampled data)`, target: `bare vega: ${essential.meanRenderMs.toFixed(0)} ms (${essential.renders} renders, every row)`, ratio: (mean(coldRenders) / essential.meanRenderMs).toFixed(2), met: '' },
      {
        metric: 'interactive compiles in the workers',
        value: `${coldDataflows.length} specs without rows (one layout each; ${coldDataflows.length ? mean(coldDataflows).toFixed(0) : '–'} ms), ${coldCompiles.length} whole charts (${coldCompiles.length ? mean(coldCompiles).toFixed(0) : '–'} ms), in ${ROUNDS} cold builds`,
        target: 'not in bare vega',
        ratio: '',
        met: '',
      },
      { metric: 'CPU time by thread, cold (the median build)', value: `Tally: ${formatCpu(cold.cpu)}`, target: `floor: ${formatCpu(floorCold.cpu)}`, ratio: '', met: '' },
      { metric: 'JavaScript per issue page', value: `${js} B`, target: `floor: ${floorJs} B`, ratio: '', met: '' },
    ];
    const out = `### N = ${n} issues (${n * 4} charts, each drawn once by bare Vega)\n\n${table(rows)}\n\n${MEMORY_NOTE}\n`;
    console.log(`\n${out}`);
    return out;
  } finally {
    if (!keep) for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    else console.log(`  kept: ${made.join(' ')}`);
  }
}

const heading = [`Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\`:`, '', ...machine(ROOT), ''];
const doc = path.join(ROOT, 'docs', 'benchmarks.md');
if (sizes.length) {
  const sections: string[] = [];
  for (const n of sizes) sections.push(await benchOne(n));
  writeResults(doc, [...heading, ...sections].join('\n'));
}
if (withData) writeResults(doc, [...heading, await benchDataScale({ root: ROOT, siteFiles: SITE_FILES, keep, days: dataDays })].join('\n'), 'data');
console.log('Written to docs/benchmarks.md');
