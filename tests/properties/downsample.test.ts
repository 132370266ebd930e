import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample, downsampleSpec } from '../../src/charts/downsample.ts';

type Row = { id: number; t: number; v: number | null; s: string };

/** Series of points: ids in input order, x in any order with repeats, some y values missing. */
const rows = fc
  .array(
    fc.record({
      t: fc.integer({ min: 0, max: 5_000 }),
      v: fc.oneof({ weight: 12, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }) }, { weight: 1, arbitrary: fc.constant(null) }),
      s: fc.constantFrom('a', 'b', 'c'),
    }),
    { minLength: 1, maxLength: 3_000 },
  )
  .map((list) => list.map((r, id): Row => ({ id, ...r })));
const width = fc.integer({ min: 2, max: 120 });
const shapeOf = (w: number) => ({ x: 't', y: ['v'], groupBy: ['s'], width: w });
const bySeries = (list: Row[]) => Map.groupBy(list, (r) => r.s);

describe('downsample (M4 per series)', () => {
  it('keeps each series within 4 × width rows, in input order, as a subset of the input', () => {
    fc.assert(
      fc.property(rows, width, (input, w) => {
        const out = downsample(input, shapeOf(w));
        for (const series of bySeries(out).values()) expect(series.length).toBeLessThanOrEqual(4 * w);
        const ids = out.map((r) => r.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of out) expect(r).toBe(input[r.id]);
      }),
    );
  });

  it('keeps every series, its lowest and highest value, its first and its last point', () => {
    fc.assert(
      fc.property(rows, width, (input, w) => {
        const out = new Set(downsample(input, shapeOf(w)).map((r) => r.id));
        for (const series of bySeries(input).values()) {
          const values = series.filter((r) => r.v !== null);
          if (values.length) {
            const min = Math.min(...values.map((r) => r.v!));
            const max = Math.max(...values.map((r) => r.v!));
            expect(series.some((r) => r.v === min && out.has(r.id))).toBe(true);
            expect(series.some((r) => r.v === max && out.has(r.id))).toBe(true);
          }
          const lastT = Math.max(...series.map((r) => r.t));
          const firstT = Math.min(...series.map((r) => r.t));
          // The last point at asOf: the latest x, and of rows sharing it the last in the data.
          expect(out.has(series.filter((r) => r.t === lastT).at(-1)!.id)).toBe(true);
          expect(series.some((r) => r.t === firstT && out.has(r.id))).toBe(true);
          if (series.some((r) => r.v === null)) expect(series.some((r) => r.v === null && out.has(r.id))).toBe(true);
        }
      }),
    );
  });

  it('leaves a series no longer than 4 × width whole', () => {
    fc.assert(
      fc.property(rows, (input) => {
        expect(downsample(input, shapeOf(input.length))).toEqual(input);
      }),
    );
  });

  it('reads calendar dates as time, and keeps rows whose x cannot be placed', () => {
    const dated = Array.from({ length: 1_000 }, (_, i) => ({ d: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), v: i % 97 }));
    const odd = { d: 'not a date', v: 5 };
    const out = downsample([...dated, odd], { x: 'd', y: ['v'], groupBy: [], width: 50 });
    expect(out.length).toBeLessThanOrEqual(201);
    expect(out.at(-1)).toBe(odd);
    expect(out.at(-2)).toBe(dated.at(-1));
  });
});

describe('downsampleSpec: which marks are sampled', () => {
  // Two series of 3,000 points: more than 4 points a pixel column at the widest layout (608 px).
  const values = Array.from({ length: 6_000 }, (_, i) => ({ t: i, v: Math.sin(i / 10), s: i % 2 ? 'a' : 'b' }));
  const line = { mark: 'line', encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' }, color: { field: 's' } } };
  const count = (spec: Record<string, unknown>) => ((spec.data as { values: unknown[] }).values).length;

  it('samples a line to the width it is drawn at, per series, and keeps the input spec unchanged', () => {
    // A single view is drawn at the layouts' widths, whatever width the spec gives.
    const spec = { width: 100, data: { values }, ...line };
    const out = downsampleSpec(spec);
    expect(count(out)).toBeLessThanOrEqual(2 * 4 * 608);
    expect(count(out)).toBeGreaterThan(2 * 4 * 100);
    expect(count(spec)).toBe(6_000);
  });

  it('samples a concatenated view to its own width', () => {
    const spec = { data: { values }, hconcat: [{ width: 100, ...line }] };
    expect(count(downsampleSpec(spec))).toBeLessThanOrEqual(2 * 4 * 100);
  });

  it('leaves data alone when a mark draws every row, a transform reshapes it, x is binned or areas stack', () => {
    const cases = [
      { width: 100, data: { values }, layer: [line, { mark: 'point', encoding: line.encoding }] },
      { width: 100, data: { values }, transform: [{ filter: 'datum.v > 0' }], ...line },
      { width: 100, data: { values }, mark: 'line', encoding: { ...line.encoding, x: { field: 't', bin: true, type: 'quantitative' } } },
      { width: 100, data: { values }, mark: 'area', encoding: line.encoding },
      { width: 100, data: { values }, mark: { type: 'line', point: true }, encoding: line.encoding },
      { width: 100, data: { values }, mark: 'line', encoding: { ...line.encoding, x: { field: 't', type: 'quantitative', scale: { type: 'log' } } } },
      { data: { values, format: { parse: { t: 'date:"%d/%m/%Y"' } } }, ...line },
    ];
    for (const spec of cases) expect(downsampleSpec(spec)).toBe(spec);
  });

  it('samples a layer of lines over the same data, keeping the union of their extremes', () => {
    const spec = { width: 100, data: { values }, layer: [line, { ...line, encoding: { ...line.encoding, y: { field: 't', type: 'quantitative' } } }] };
    expect(count(downsampleSpec(spec))).toBeLessThan(6_000);
  });
});
