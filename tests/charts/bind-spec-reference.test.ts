import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { asOfOf, pointsOf, rng, sharedData, slugOf, specsOf, writeCorpus } from '../../scripts/bench/corpus.ts';
import { bindSpecData, type BoundSpec } from '../../src/charts/bind-spec-data.ts';
import { readSpec, type SpecFile } from '../../src/charts/read-spec.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import type { ComputedDataset } from '../../src/figures/compute-figures.ts';
import { issueFiguresOf } from '../../src/issues/issue-figures.ts';
import { bindSpecData as referenceBind } from './bind-spec-reference/bind-spec-data.ts';
import { manifestEntry } from '../helpers/data-dir.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * Binding a chart's data was made cheaper without changing what it binds: the implementation it
 * replaced is kept in bind-spec-reference/ and both must give the same bound spec (drawn and
 * full), primary rows and sources, deep-equal and in the same JSON, or fail with the same error,
 * over the fixtures' specs, the benchmark corpus and generated rows.
 */

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

type Outcome = { bound: BoundSpec } | { error: string };

function attempt(bind: typeof bindSpecData, file: SpecFile, asOf: CalendarDate, datasets: ReadonlyMap<string, ComputedDataset>, sample: boolean): Outcome {
  try {
    return { bound: bind(file, asOf, datasets, sample ? {} : { sample: false }) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Binds with both and asserts the same outcome; returns it, to let callers check what was covered. */
function expectSame(file: SpecFile, asOf: CalendarDate, datasets: ReadonlyMap<string, ComputedDataset>, sample = true): Outcome {
  const want = attempt(referenceBind, file, asOf, datasets, sample);
  const got = attempt(bindSpecData, file, asOf, datasets, sample);
  if ('error' in want) {
    expect(got).toEqual(want);
    return want;
  }
  expect('bound' in got, 'error' in got ? got.error : '').toBe(true);
  const [a, b] = [(got as { bound: BoundSpec }).bound, want.bound];
  for (const key of ['spec', 'full', 'primary', 'sources'] as const) {
    expect(JSON.stringify(a[key]), `${file.file}: ${key}`).toBe(JSON.stringify(b[key]));
    expect(a[key], `${file.file}: ${key}`).toEqual(b[key]);
  }
  // Sampled or not alike: the drawn copy is the full spec itself exactly when nothing was sampled.
  expect(a.spec === a.full).toBe(b.spec === b.full);
  return want;
}

// Read from a copy: binding writes caches under the site's root, which must stay out of the repository.
const fixtures = tempDir('tally-fixtures-');
fs.cpSync(path.resolve('tests/fixtures'), fixtures, { recursive: true, filter: (src) => path.basename(src) !== '.tally-cache' });

/** Each fixture site's issues that have chart specs: the site's root, the issue's folder, its asOf, its specs. */
function fixtureIssues(): { root: string; dir: string; asOf: CalendarDate; specs: string[] }[] {
  const out: { root: string; dir: string; asOf: CalendarDate; specs: string[] }[] = [];
  for (const site of fs.readdirSync(fixtures)) {
    const issues = path.join(fixtures, site, 'content', 'issues');
    if (!fs.existsSync(issues)) continue;
    for (const slug of fs.readdirSync(issues)) {
      const dir = path.join(issues, slug);
      if (!fs.statSync(dir).isDirectory()) continue;
      const specs = fs.readdirSync(dir).filter((f) => f.endsWith('.vl.json'));
      if (!specs.length) continue;
      const mdx = path.join(dir, 'index.mdx');
      const asOf = (fs.existsSync(mdx) ? /^asOf:\s*['"]?(\d{4}-\d{2}-\d{2})/m.exec(fs.readFileSync(mdx, 'utf8'))?.[1] : undefined) ?? '2026-01-31';
      out.push({ root: path.join(fixtures, site), dir, asOf: asOf as CalendarDate, specs });
    }
  }
  return out;
}

async function datasetsOf(slug: string, dir: string, asOf: CalendarDate): Promise<ReadonlyMap<string, ComputedDataset>> {
  const file = path.join(dir, 'figures.ts');
  if (!fs.existsSync(file)) return new Map();
  try {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: unknown };
    return (await issueFiguresOf(slug, dir, asOf, mod)).datasets;
  } catch {
    // A fixture whose figures fail on purpose: its specs that name a dataset fail alike in both.
    return new Map();
  }
}

describe('binding a chart, made cheaper', () => {
  it("binds every fixture site's specs as the code it replaced did, sampled and not", async () => {
    let bound = 0;
    let sampled = 0;
    for (const issue of fixtureIssues()) {
      process.env.TALLY_ROOT = issue.root;
      const datasets = await datasetsOf(path.basename(issue.dir), issue.dir, issue.asOf);
      for (const spec of issue.specs) {
        let file: SpecFile;
        try {
          file = readSpec(`./${spec}`, issue.dir, { file: path.join(issue.dir, 'index.mdx'), line: 1, column: 1 });
        } catch {
          continue;
        }
        const outcome = expectSame(file, issue.asOf, datasets);
        expectSame(file, issue.asOf, datasets, false);
        if ('bound' in outcome) {
          bound++;
          if (outcome.bound.spec !== outcome.bound.full) sampled++;
        }
      }
    }
    // Most fixtures bind, and some of them are long enough to be sampled.
    expect(bound).toBeGreaterThan(30);
    expect(sampled).toBeGreaterThan(0);
  }, 120_000);

  it("binds the benchmark corpus's four charts, at several asOf dates, as the code it replaced did", () => {
    const root = tempDir('tally-bind-corpus-');
    const n = 3;
    writeCorpus(root, n, false);
    process.env.TALLY_ROOT = root;
    const shared = sharedData();
    let sampled = 0;
    for (let i = 0; i < n; i++) {
      const dir = path.join(root, 'content', 'issues', slugOf(i));
      const datasets = new Map([['points', { name: 'points', rows: pointsOf(i, shared.panel), sources: [{ file: 'panel.csv', columns: [], latest: false }] } as ComputedDataset]]);
      for (const name of Object.keys(specsOf(i))) {
        const file = readSpec(`./${name}`, dir, { file: path.join(dir, 'index.mdx'), line: 1, column: 1 });
        for (const asOf of [asOfOf(i, n), '1990-06-30', '1971-01-01'] as CalendarDate[]) {
          const outcome = expectSame(file, asOf, datasets);
          if ('bound' in outcome && outcome.bound.spec !== outcome.bound.full) sampled++;
        }
      }
    }
    expect(sampled).toBeGreaterThan(3);
  }, 120_000);

  it('binds generated rows (missing keys, nulls, NaN, dates in several forms, numbers as text, 1 to 50,000 points) as the code it replaced did', () => {
    process.env.TALLY_ROOT = tempDir('tally-bind-rows-');
    let sampled = 0;
    fc.assert(
      fc.property(generatedChart, ({ spec, rows, by }) => {
        const file: SpecFile = { file: 'content/issues/a/c.vl.json', abs: '/nowhere/c.vl.json', text: JSON.stringify(spec, null, 2), spec };
        const datasets = by === 'name' ? new Map([['rows', { name: 'rows', rows, sources: [{ file: 'rows.csv', columns: [], latest: false }] } as ComputedDataset]]) : new Map<string, ComputedDataset>();
        const outcome = expectSame(file, '2026-01-31' as CalendarDate, datasets);
        if ('bound' in outcome && outcome.bound.spec !== outcome.bound.full) sampled++;
      }),
      { numRuns: 120 },
    );
    // About one case in five is sampled (a long line or area, few series).
    expect(sampled).toBeGreaterThan(8);
  }, 240_000);

  it("binds a data file's rows, charts of several x fields and asOf dates in turn, as the code it replaced did", () => {
    let sampled = 0;
    fc.assert(
      fc.property(
        fc.noBias(fc.integer({ min: 1, max: 30_000 })),
        fc.integer({ min: 1, max: 1e9 }),
        fc.array(fc.record({ x: fc.constantFrom('date', 'a'), y: fc.constantFrom('a', 'b'), color: fc.boolean(), percent: fc.noBias(fc.integer({ min: 0, max: 120 })) }), { minLength: 1, maxLength: 4 }),
        (length, seed, charts) => {
          const r = rng(seed);
          const day = (i: number) => new Date(Date.UTC(1990, 0, 1) + Math.floor(i / 3) * DAY).toISOString().slice(0, 10);
          const lines = Array.from({ length }, (_, i) => `${day(i)},${(i * 0.5 + r()).toFixed(2)},${r() < 0.05 ? '' : (r() * 100).toFixed(1)},${'pqr'[i % 3]}`);
          const root = tempDir('tally-bind-file-');
          fs.mkdirSync(path.join(root, 'data'));
          fs.mkdirSync(path.join(root, 'content', 'issues', 'a'), { recursive: true });
          fs.writeFileSync(path.join(root, 'data', 'manifest.yaml'), manifestEntry('rows.csv', { date: 'date', a: 'number', b: 'number', grp: 'string' }));
          fs.writeFileSync(path.join(root, 'data', 'rows.csv'), `date,a,b,grp\n${lines.join('\n')}\n`);
          process.env.TALLY_ROOT = root;
          charts.forEach((c, k) => {
            const encoding: Record<string, unknown> = { x: { field: c.x, type: c.x === 'date' ? 'temporal' : 'quantitative' }, y: { field: c.y, type: 'quantitative' } };
            if (c.color) encoding.color = { field: 'grp', type: 'nominal' };
            const spec = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 100, data: { url: 'rows.csv' }, mark: 'line', encoding };
            fs.writeFileSync(path.join(root, 'content', 'issues', 'a', `c${k}.vl.json`), JSON.stringify(spec, null, 2));
            const file = readSpec(`./c${k}.vl.json`, path.join(root, 'content', 'issues', 'a'), { file: 'content/issues/a/index.mdx', line: 1, column: 1 });
            // asOf from before the first row to after the last.
            const outcome = expectSame(file, day(Math.floor((c.percent / 100) * length)) as CalendarDate, new Map());
            if ('bound' in outcome && outcome.bound.spec !== outcome.bound.full) sampled++;
          });
        },
      ),
      { numRuns: 25 },
    );
    expect(sampled).toBeGreaterThan(3);
  }, 240_000);
});

/** Values an x column may hold, by kind: the generator picks a kind per row from the chart's mix. */
const X_KINDS = ['isoDay', 'isoDayRepeated', 'year', 'millis', 'instant', 'numberText', 'number', 'bad', 'null', 'NaN', 'missing'] as const;
const Y_KINDS = ['number', 'null', 'NaN', 'numberText', 'missing'] as const;
const DAY = 86_400_000;

function xValue(kind: (typeof X_KINDS)[number], i: number, r: () => number): unknown {
  switch (kind) {
    case 'isoDay':
      return new Date(Date.UTC(1990, 0, 1) + i * DAY).toISOString().slice(0, 10);
    case 'isoDayRepeated':
      return new Date(Date.UTC(2000, 0, 1) + Math.floor(i / 7) * DAY).toISOString().slice(0, 10);
    case 'year':
      return 1900 + (i % 200);
    case 'millis':
      return Date.UTC(2001, 0, 1) + i * 3_600_000;
    case 'instant':
      return new Date(Date.UTC(2010, 0, 1) + i * 60_000).toISOString();
    case 'numberText':
      return String(i * 1.5);
    case 'number':
      return i + r();
    case 'bad':
      return ['2021-02-30', '2021-13-01', 'not a date', '', '0999-01-01', '2021-1-01'][i % 6];
    case 'null':
      return null;
    case 'NaN':
      return NaN;
    case 'missing':
      return undefined;
  }
}

function yValue(kind: (typeof Y_KINDS)[number], i: number, r: () => number): unknown {
  switch (kind) {
    case 'number':
      return Math.round((Math.sin(i / 40) * 100 + r() * 10) * 100) / 100;
    case 'null':
      return null;
    case 'NaN':
      return NaN;
    case 'numberText':
      return (r() * 100).toFixed(2);
    case 'missing':
      return undefined;
  }
}

const generatedChart = fc
  .record({
    length: fc.oneof({ weight: 1, arbitrary: fc.noBias(fc.integer({ min: 1, max: 3_000 })) }, { weight: 1, arbitrary: fc.noBias(fc.integer({ min: 3_000, max: 50_000 })) }),
    seed: fc.integer({ min: 1, max: 1e9 }),
    xMain: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...X_KINDS.slice(0, 7)) }, { weight: 1, arbitrary: fc.constantFrom(...X_KINDS.slice(7)) }),
    xOther: fc.constantFrom(...X_KINDS),
    yMain: fc.oneof({ weight: 4, arbitrary: fc.constant('number' as const) }, { weight: 1, arbitrary: fc.constantFrom(...Y_KINDS) }),
    yOther: fc.constantFrom(...Y_KINDS),
    rare: fc.constantFrom(0, 0.001, 0.05, 0.5),
    series: fc.constantFrom(0, 1, 3, 12),
    seriesNulls: fc.boolean(),
    y2: fc.boolean(),
    mark: fc.constantFrom('line', 'line', 'area', 'point'),
    xType: fc.constantFrom('temporal', 'quantitative'),
    width: fc.constantFrom(undefined, 30, 200, 560),
    by: fc.constantFrom('values', 'name'),
    layered: fc.constantFrom(false, false, false, true),
  })
  .map((c) => {
    const r = rng(c.seed);
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < c.length; i++) {
      const row: Record<string, unknown> = {};
      const x = xValue(r() < c.rare ? c.xOther : c.xMain, i, r);
      if (x !== undefined) row.t = x;
      const y = yValue(r() < c.rare ? c.yOther : c.yMain, i, r);
      if (y !== undefined) row.v = y;
      if (c.y2) row.w = yValue('number', i, r);
      if (c.series) {
        const s = c.seriesNulls && r() < 0.05 ? null : ['a', 'b', 1, '1', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'][i % c.series];
        if (!(c.seriesNulls && r() < 0.02)) row.s = s;
      }
      rows.push(Object.freeze(row));
    }
    Object.freeze(rows);
    const encoding: Record<string, unknown> = { x: { field: 't', type: c.xType }, y: { field: 'v', type: 'quantitative' } };
    if (c.y2) encoding.y2 = { field: 'w' };
    if (c.series) encoding.color = { field: 's', type: 'nominal' };
    const data = c.by === 'name' ? { name: 'rows' } : { values: rows };
    const view = { mark: c.mark, encoding };
    const spec: Record<string, unknown> = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(c.width === undefined ? {} : { width: c.width }),
      data,
      ...(c.layered ? { layer: [view, { mark: 'rule', encoding: { y: { field: 'v', type: 'quantitative', aggregate: 'mean' } } }] } : view),
    };
    return { spec, rows, by: c.by };
  });
