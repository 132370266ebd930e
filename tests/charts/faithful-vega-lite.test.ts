import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareChart } from '../../src/charts/build-chart.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { TallyError } from '../../src/core/errors.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import type { ComputedDataset } from '../../src/figures/compute-figures.ts';
import { ROOT } from '../helpers/site.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * Specs as the Vega-Lite gallery writes them (tests/fixtures/vega-lite-cases), their data
 * declared in a manifest as an author would, through Tally's chart pipeline: validated, bound,
 * drawn by Vega. Each draws what bare Vega draws, or fails with a true, located message.
 */
let root: string;
let issueDir: string;
beforeAll(() => {
  root = tempDir('tally-vl-cases-');
  fs.cpSync(path.join(ROOT, 'tests/fixtures/vega-lite-cases'), root, { recursive: true });
  process.env.TALLY_ROOT = root;
  issueDir = path.join(root, 'content/issues/cases');
});
afterAll(() => {
  delete process.env.TALLY_ROOT;
  fs.rmSync(root, { recursive: true, force: true });
});

const usage = { file: 'content/issues/cases/index.mdx', line: 3, column: 1 };
const asOf = '2026-01-31' as CalendarDate;
const prepare = (name: string, datasets = new Map<string, ComputedDataset>()) => prepareChart({ ref: `./${name}.vl.json`, issueDir, usage, asOf, datasets });
const draw = async (name: string, datasets?: Map<string, ComputedDataset>) => (await renderSvg(prepare(name, datasets).spec, `${name}.vl.json`, 'wide')).svg;
const failure = (name: string, datasets?: Map<string, ComputedDataset>): TallyError => {
  try {
    prepare(name, datasets);
  } catch (e) {
    if (e instanceof TallyError) return e;
    throw e;
  }
  throw new Error(`${name} did not fail`);
};
/** The marks of a drawing by kind ("line mark", "point", "rect", "image mark"…). */
const marks = (svg: string, kind: string) => svg.match(new RegExp(`aria-roledescription="${kind}"`, 'g'))?.length ?? 0;
/** The text of every label in a drawing. */
const labels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('transform output columns are known columns', () => {
  it.each([
    ['density', 'area mark', 1],
    ['quantile', 'point', 20],
    ['bin-as', 'bar', 1],
    ['pivot', 'point', 10],
    ['fold', 'line mark', 2],
    // Two days of the ratings have a price.
    ['lookup', 'point', 2],
  ])('%s: its default or declared output columns draw (%s)', async (name, kind, least) => {
    const svg = await draw(name);
    expect(marks(svg, kind)).toBeGreaterThanOrEqual(least);
  });

  it('bin `as` and its `_end`, regression, loess, timeUnit, calculate, joinaggregate, window, stack and impute `as`', async () => {
    expect(marks(await draw('regression'), 'line mark')).toBe(2);
    expect(marks(await draw('window-and-friends'), 'point')).toBeGreaterThanOrEqual(60);
    expect(marks(await draw('bin-as'), 'bar')).toBeGreaterThanOrEqual(3);
  });

  it('a fold of a column the data lacks is an unknown column at the spec line, not a missing series', () => {
    const e = failure('fold-missing');
    expect(e.code).toBe('UnknownColumn');
    expect(e.message).toBe('content/issues/cases/fold-missing.vl.json:13: No column "east" in regions.csv.');
  });
});

describe('years plotted as time', () => {
  it('an integer year column on a temporal axis is drawn as years, not milliseconds since 1970', async () => {
    const { spec, bound } = prepare('years');
    expect((spec.data as { values: { Year: unknown }[] }).values[0]!.Year).toBe('1900-01-01');
    // The data table keeps the file's numbers.
    expect(bound.primary?.rows[0]?.Year).toBe(1900);
    const text = labels(await renderSvg(spec, 'years.vl.json', 'wide').then((r) => r.svg));
    expect(text).toContain('1900');
    expect(text).toContain('2000');
    // Milliseconds since 1970 would be labelled ".900", ".910"…
    expect(text.join(' ')).not.toMatch(/\.\d{3}\b/);
  });

  it('is refused with a hint when a transform reads the years too', () => {
    const e = failure('years-filtered');
    expect(e.code).toBe('InvalidSpec');
    expect(e.where).toEqual({ file: 'content/issues/cases/years-filtered.vl.json', line: 16 });
    expect(e.message).toContain('The field "Year" is plotted as time, but it holds years as numbers (e.g. 1900), which Vega reads as milliseconds since 1970');
    expect(e.message).toContain('Write the years as dates in the data ("1900-01-01"), or plot "Year" with "type": "ordinal" or "quantitative".');
  });
});

describe('records that omit a key', () => {
  const sales = (rows: Record<string, unknown>[]) => new Map([['sales', { name: 'sales', rows, sources: [] }]]);
  const rows = [
    { week: 1, sales: 3, region: 'east' },
    { week: 2, sales: 4, region: 'east' },
    { week: 1, sales: 2 },
    { week: 2, sales: 5 },
    { week: 1, sales: 1, region: 'west' },
    { week: 2, region: 'west' },
  ];

  it('give a missing value: the series without a region is drawn, and a missing y is a gap', async () => {
    const { spec } = prepare('missing-key', sales(rows));
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values[2]).toEqual({ week: 1, sales: 2, region: null });
    expect(values[5]).toEqual({ week: 2, sales: null, region: 'west' });
    const svg = await renderSvg(spec, 'missing-key.vl.json', 'wide').then((r) => r.svg);
    expect(marks(svg, 'line mark')).toBe(3);
    expect(labels(svg)).toEqual(expect.arrayContaining(['east', 'null', 'west']));
  });

  it('in a declared JSON file give a missing value too', async () => {
    const svg = await draw('missing-key-file');
    expect(marks(svg, 'line mark')).toBe(3);
    expect(labels(svg)).toEqual(expect.arrayContaining(['east', 'null', 'west']));
  });
});

describe('image marks', () => {
  it('draw local images from public/ as data URIs', async () => {
    const svg = await draw('image');
    const png = fs.readFileSync(path.join(root, 'public/images/dot.png')).toString('base64');
    expect(marks(svg, 'image mark')).toBe(3);
    expect(svg.match(new RegExp(`href="data:image/png;base64,${png.replace(/[+/]/g, '\\$&')}"`, 'g'))).toHaveLength(3);
  });

  it('fail at the spec line when the image is not a local file, or not in public/', () => {
    const remote = failure('image-remote');
    expect(remote.where).toEqual({ file: 'content/issues/cases/image-remote.vl.json', line: 12 });
    expect(remote.message).toMatch(/The image "https:\/\/example\.com\/logo\.png" is not a local file\. Tally draws charts at build time without the network: save the image under public\/ and name it by its path there/);
    const missing = failure('image-missing');
    expect(missing.where).toMatchObject({ file: 'content/issues/cases/image-missing.vl.json' });
    expect(missing.message).toContain('The image "/images/nowhere.png" is not in public/ (looked for public/images/nowhere.png).');
  });
});
