import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExample, type GalleryResult } from '../../scripts/gallery/compare.ts';
import { makeGallerySite, type GallerySite } from '../../scripts/gallery/make-site.ts';
import { galleryExamples, sourceTree } from '../../scripts/gallery/sources.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { ROOT } from '../helpers/site.ts';

/**
 * A committed subset of the Vega-Lite example gallery (tests/fixtures/vega-lite-gallery: specs
 * and data as Vega-Lite 6.4.3 and vega-datasets 3.2.1 ship them, with their licences; species.csv
 * thinned to 200 rows) built as an author's site and drawn through Tally's chart path, each
 * chart compared with bare Vega mark by mark: the comparison `npm run gallery` runs over the
 * whole gallery (docs/gallery.md).
 */
const fixture = path.join(ROOT, 'tests/fixtures/vega-lite-gallery');
const vegaLite = sourceTree(path.join(fixture, 'vega-lite'));
const datasets = sourceTree(path.join(fixture, 'vega-datasets'));
const examples = galleryExamples(vegaLite);
let site: GallerySite;

/** What each example must be; a refusal with the start of its located message. */
const EXPECTED: Record<string, 'same' | 'sampled' | { refused: RegExp }> = {
  bar: 'same',
  arc_pie: 'same',
  layer_bar_labels: 'same',
  line: 'same',
  window_rank: 'same',
  waterfall_chart: 'same',
  lookup: 'same',
  trellis_barley: 'same',
  layer_line_co2_concentration: 'same',
  // Transforms whose default output columns were "No column" errors.
  area_density_stacked: 'same',
  point_quantile_quantile: 'same',
  interactive_multi_line_pivot_tooltip: 'same',
  // An integer Year column on a temporal axis, drawn as years (not milliseconds since 1970).
  circle_natural_disasters: 'same',
  layer_falkensee: 'same',
  // Records without "forecast"; columns read inside objects ("record.low").
  bar_layered_weather: 'same',
  // Image marks, read from public/.
  scatter_image: 'same',
  // A title given as an array of lines; a map from a TopoJSON saved as .json.
  interactive_geo_facet_species: 'same',
  // An axis condition testing the tick's "value".
  line_conditional_axis: 'same',
  rect_lasagna: 'same',
  // Hours of a date column, which a calendar date does not keep.
  circle_github_punchcard: { refused: /^content\/issues\/gallery\/circle_github_punchcard\.vl\.json:17: The spec reads the hours time unit of "time", but data\/data\/github\.csv declares "time" a date written "%Y\/%m\/%d %H:%M:%S"/ },
};

beforeAll(async () => {
  site = await makeGallerySite(examples, vegaLite, datasets);
  process.env.TALLY_ROOT = site.root;
}, 60_000);
afterAll(() => {
  delete process.env.TALLY_ROOT;
  if (site) fs.rmSync(site.root, { recursive: true, force: true });
});

describe('the Vega-Lite gallery subset, through Tally and through bare Vega', () => {
  it('the fixture holds every example this test expects, and only those', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', async (name) => {
    const result: GalleryResult = await compareExample(site, name, '2026-11-26' as CalendarDate);
    const expected = EXPECTED[name]!;
    if (typeof expected === 'string') {
      expect(result.class === 'sampled' ? 'sampled' : result.class, result.detail).toBe(expected);
      expect(result.detail).toMatch(/data marks?, \d+ items|items/);
    } else {
      expect(result.class, result.detail).toBe('refused');
      expect(result.detail).toMatch(expected.refused);
    }
  }, 30_000);
});
