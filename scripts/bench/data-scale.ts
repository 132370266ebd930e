/**
 * The data-scale case of `npm run bench` (`-- --data` alone): one issue whose figures.ts runs
 * three t.sql queries over a 10-million-row Parquet file and over the same rows as a ~1 GB CSV,
 * built cold, warm, and after one cell of the CSV changed in place (same size, same modification
 * time); against DuckDB alone running the same queries in a fresh process, and the plain-MDX
 * floor of one page. See docs/benchmarks.md.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus.ts';
import { AS_OF, changeIndexClose, CSV, dataManifest, DAYS, PARQUET, SYMBOLS, writeDataFiles, YEAR_END } from './data-files.ts';
import { figuresModule, QUERIES } from './data-queries.ts';
import { runBuild, runNode, type ProcessRun } from './measure.ts';
import { memoryTarget, mib, sec, table, verdict, type Row } from './report.ts';

const SLUG = 'data-scale';
const GIB = 1024 ** 3;

export interface DataScaleOptions {
  root: string;
  siteFiles: string[];
  keep: boolean;
  days?: number;
}

function copySite(root: string, siteFiles: string[], name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tally-bench-${name}-`));
  for (const f of siteFiles) if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function writeIssue(site: string): void {
  const dir = path.join(site, 'content', 'issues', SLUG);
  fs.mkdirSync(dir, { recursive: true });
  const figs = (suffix: string) => QUERIES.map((q) => `${q.description}: <Fig name="${q.name}${suffix}" />.`).join(' ');
  fs.writeFileSync(
    path.join(dir, 'index.mdx'),
    `---\ntitle: Ten million rows\ndate: ${AS_OF}\nasOf: ${AS_OF}\nsummary: Figures computed with SQL over a generated 10-million-row Parquet file and the same rows as a 1 GB CSV.\ntags: [bench]\nauthors: [Bench]\n---\n\n## From the Parquet file\n\n${figs('P')}\n\n## From the CSV\n\n${figs('C')}\n`,
  );
  fs.writeFileSync(path.join(dir, 'figures.ts'), figuresModule({ P: PARQUET, C: CSV }, YEAR_END));
}

/** The figures as the built page shows them: name → text. */
function pageFigures(site: string): Record<string, string> {
  const html = fs.readFileSync(path.join(site, 'dist', 'issues', SLUG, 'index.html'), 'utf8');
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-figure="([^"]+)"[^>]*>([^<]*)</g)) out[m[1]!] ??= m[2]!;
  return out;
}

/** sha256 of a file in 8 MiB chunks, as Tally's file digest reads it: the cost of one digest. */
function hashOnce(file: string): { ms: number; digest: string } {
  const started = performance.now();
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return { ms: performance.now() - started, digest: hash.digest('hex') };
}

const gb = (bytes: number) => `${(bytes / GIB).toFixed(2)} GiB`;

let logs = 0;

function must(label: string, run: ProcessRun, where: string): ProcessRun {
  if (!run.ok) throw new Error(`${label} failed in ${where}:\n${run.output.slice(-4000)}`);
  // Each run's log stays beside its site (kept with --keep): Astro's timestamps show the steps.
  fs.writeFileSync(path.join(where, `bench-${++logs}-${label.replace(/\W+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}.log`), run.output);
  console.log(`  ${label}: ${sec(run.wallMs)}, peak ${mib(run.peakRssBytes)}, read ${gb(run.readBytes)}`);
  return run;
}

export async function benchDataScale(opts: DataScaleOptions): Promise<string> {
  const days = opts.days ?? DAYS;
  const rows = SYMBOLS * days;
  const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');
  const loadAtStart = load();
  console.log(`\nData scale: ${rows.toLocaleString('en')} rows`);
  const floorSite = copySite(opts.root, opts.siteFiles, 'data-floor');
  const site = copySite(opts.root, opts.siteFiles, 'data');
  try {
    writeCorpus(floorSite, 1, true);
    const data = path.join(site, 'data');
    const files = await writeDataFiles(data, days);
    fs.writeFileSync(path.join(data, 'manifest.yaml'), dataManifest());
    writeIssue(site);
    const csvFile = path.join(data, CSV);
    console.log(`  generated in ${sec(files.ms)}: ${PARQUET} ${mib(files.parquetBytes)}, ${CSV} ${mib(files.csvBytes)}`);
    const hash = hashOnce(csvFile);
    console.log(`  one sha256 of ${CSV}: ${sec(hash.ms)}`);

    const floorCold = must('floor (one plain page), cold', await runBuild(floorSite), floorSite);
    const floorWarm = must('floor, warm', await runBuild(floorSite), floorSite);
    const alone = must('DuckDB alone (fresh process)', await runNode(site, ['scripts/bench/duckdb-alone.ts', data]), site);
    const expected = (JSON.parse(alone.output.trim().split('\n').at(-1)!) as { results: Record<string, { value: number }> }).results;

    const cold = must('Tally, cold', await runBuild(site), site);
    const coldFigures = pageFigures(site);
    const warm = must('Tally, warm', await runBuild(site), site);
    const cell = changeIndexClose(csvFile);
    // The issue is published: the editor accepts the new numbers (the lock requires it), then builds.
    const accept = must(
      'accept (figures --accept)',
      await runNode(site, ['scripts/figures.ts', '--accept', '--reason', 'Benchmark: one cell changed.']),
      site,
    );
    const changed = must(`Tally, one CSV cell changed (${cell.before} → ${cell.after}), same size and mtime`, await runBuild(site), site);
    const changedFigures = pageFigures(site);
    const moved = Object.keys(changedFigures).filter((k) => changedFigures[k] !== coldFigures[k]);
    if (!moved.includes('beatingC')) throw new Error(`the changed cell did not change the page's figure beatingC: ${JSON.stringify({ coldFigures, changedFigures })}`);
    console.log(`  figures cold: ${JSON.stringify(coldFigures)}\n  DuckDB alone: ${JSON.stringify(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.value])))}\n  changed: ${moved.map((k) => `${k} ${coldFigures[k]} → ${changedFigures[k]}`).join(', ')}`);

    const coldTarget = 1.2 * (floorCold.wallMs + alone.wallMs);
    const warmTarget = 1.1 * floorWarm.wallMs + hash.ms;
    const changeTarget = 1.2 * (floorWarm.wallMs + alone.wallMs);
    const peak = Math.max(cold.peakRssBytes, warm.peakRssBytes, changed.peakRssBytes);
    const extra = (run: ProcessRun, floor: ProcessRun) => `${gb(run.readBytes)} read, ${(Math.max(0, run.readBytes - floor.readBytes) / files.csvBytes).toFixed(1)}× the CSV beyond the floor's ${gb(floor.readBytes)}`;
    const rowsOut: Row[] = [
      { metric: 'cold build', value: `${sec(cold.wallMs)} (${extra(cold, floorCold)})`, target: `≤ 1.2 × (floor ${sec(floorCold.wallMs)} + DuckDB alone ${sec(alone.wallMs)}) = ${sec(coldTarget)}`, ratio: (cold.wallMs / coldTarget).toFixed(2), met: verdict(cold.wallMs <= coldTarget) },
      { metric: 'warm rebuild (nothing changed)', value: `${sec(warm.wallMs)} (${extra(warm, floorWarm)})`, target: `≤ 1.1 × floor ${sec(floorWarm.wallMs)} + one digest of the CSV ${sec(hash.ms)} = ${sec(warmTarget)}; the CSV read at most once`, ratio: (warm.wallMs / warmTarget).toFixed(2), met: verdict(warm.wallMs <= warmTarget && warm.readBytes - floorWarm.readBytes <= 1.1 * files.csvBytes) },
      { metric: 'one CSV cell changed, same size and mtime', value: `${sec(changed.wallMs)} (${extra(changed, floorWarm)}; accept ${sec(accept.wallMs)} before, ${gb(accept.readBytes)} read); ${moved.join(', ')} changed on the page`, target: `≤ 1.2 × (floor warm ${sec(floorWarm.wallMs)} + DuckDB alone ${sec(alone.wallMs)}) = ${sec(changeTarget)}`, ratio: (changed.wallMs / changeTarget).toFixed(2), met: verdict(changed.wallMs <= changeTarget) },
      { metric: 'peak memory (RSS)', value: mib(peak), target: `< ${mib(memoryTarget)} (DuckDB alone: ${mib(alone.peakRssBytes)}; floor: ${mib(floorCold.peakRssBytes)})`, ratio: (peak / memoryTarget).toFixed(2), met: verdict(peak < memoryTarget) },
    ];
    const queries = Object.entries(expected as Record<string, { value: number; ms: number }>).map(([k, v]) => `${k} ${sec(v.ms)}`).join(', ');
    return [
      `### Data scale: ${rows.toLocaleString('en')} rows (${PARQUET} ${mib(files.parquetBytes)}, ${CSV} ${mib(files.csvBytes)})`,
      '',
      table(rowsOut),
      '',
      `One sha256 of the CSV (8 MiB chunks, as Tally digests it): ${sec(hash.ms)}. DuckDB alone per query (P Parquet, C CSV): ${queries}. Load average (1, 5, 15 min) at the start of the case: ${loadAtStart}; at its end: ${load()}.`,
      '',
    ].join('\n');
  } finally {
    if (!opts.keep) for (const d of [floorSite, site]) fs.rmSync(d, { recursive: true, force: true });
    else console.log(`  kept: ${floorSite} ${site}`);
  }
}
