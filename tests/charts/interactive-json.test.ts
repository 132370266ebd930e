import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundSpecsOf, sharedData } from '../../scripts/bench/corpus.ts';
import { interactiveRowsFileJson } from '../../src/charts/interactive-file.ts';
import { interactiveChart, interactiveChartJson, interactiveSpec } from '../../src/charts/interactive-spec.ts';
import { interactiveChart as referenceChart, interactiveChartJson as referenceChartJson } from './interactive-json-reference/interactive-spec.ts';
import { interactiveFileJson as referenceFileJson } from './interactive-json-reference/interactive-file.ts';

/** What a call gives: its text, or the message it failed with (the two must fail alike too). */
const attempt = (make: () => string): string => {
  try {
    return `ok ${make()}`;
  } catch (e) {
    return `failed ${(e as Error).message}`;
  }
};

const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const names = fc.constantFrom('north', 'Énergie', '東京', '😀 "quoted" <b>&</b>', '');
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const value = fc.oneof(
  day,
  day.map((d) => `${d}T12:30`),
  fc.constant('2026-1-2'),
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 5e-324, 0.1),
  text,
  names,
  fc.boolean(),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const KEYS = ['date', 'v', 's', 'when', '__proto__', '$tallyRows', 'ключ 😀', ''];
/** A column of one kind, so the file's ways of writing a column (keys, a shared end, as is) all come up. */
const monthly = day.map((d) => `${d.slice(0, 8)}01`);
const fewDays = fc.constantFrom('2026-01-02', '2026-01-12', '1999-12-31');
const column = fc.constantFrom(day, monthly, fewDays, day.map((d) => `${d}T00:00`), names, names, fc.double(), value);
const likeRows = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 })
  .chain((keys) => fc.tuple(...keys.map(() => column)).chain((gens) => fc.array(fc.tuple(...gens), { maxLength: 40 }).map((rows) => rows.map((vals) => Object.fromEntries(keys.map((k, j) => [k, vals[j]]))))));
const raggedRows = fc.array(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 4 }), { maxLength: 12 });
const table = fc.oneof(likeRows, likeRows, raggedRows, fc.array(value, { maxLength: 8 }));

const date = { field: 'date', type: 'temporal' };
const v = { field: 'v', type: 'quantitative' };
/** Spec shapes over two tables: one table, layers with their own data and datasets, a table twice, odd field names, a composite. */
const shapes: ((a: unknown[], b: unknown[]) => Record<string, unknown>)[] = [
  (a) => ({ data: { values: a }, mark: 'line', encoding: { x: date, y: v, color: { field: 's', type: 'nominal' } } }),
  (a, b) => ({
    datasets: { b },
    data: { values: a },
    layer: [
      { mark: 'point', encoding: { x: date, y: v } },
      { data: { name: 'b' }, mark: 'rule', encoding: { x: { field: 'ключ 😀', type: 'temporal' } } },
      { data: { values: b }, mark: 'tick', encoding: { x: v } },
    ],
  }),
  (a) => ({ datasets: { same: a }, layer: [{ data: { values: a }, mark: 'area', encoding: { x: date, y: v } }, { data: { name: 'same' }, mark: 'point', encoding: { x: { field: 'when', type: 'temporal' }, y: v } }] }),
  (a, b) => ({ layer: [{ data: { values: a }, mark: 'bar', encoding: { x: { field: '__proto__', type: 'temporal' }, y: { field: '$tallyRows', type: 'nominal' } } }, { data: { values: b }, mark: 'line', encoding: { x: date, y: v } }] }),
  (a) => ({ data: { values: a }, hconcat: [{ mark: 'point', encoding: { x: date, y: v } }, { mark: 'bar', encoding: { x: { field: 's', type: 'nominal' }, y: { ...v, aggregate: 'sum' } } }] }),
];

describe('the interactive chart file, its rows written without a trip through JSON', () => {
  it('is byte for byte the file of the code it replaced, for the bench corpus (a 20,000-row daily series, sectors, bars, a panel)', () => {
    const shared = sharedData();
    for (const i of [0, 9]) {
      for (const spec of boundSpecsOf(i, 10, shared)) {
        const json = JSON.stringify(spec);
        const got = interactiveChartJson(json);
        expect(got).toBe(referenceChartJson(json));
        // Twice: the second compile comes from the memo.
        expect(interactiveChartJson(json)).toBe(got);
      }
    }
  });

  it('is byte for byte the file of the code it replaced, over generated rows (dates, nulls, missing keys, unicode, numbers)', () => {
    const seen = { columns: 0, keys: 0, suffix: 0, rows: 0, failed: 0 };
    fc.assert(
      fc.property(fc.nat(shapes.length - 1), table, table, (shape, a, b) => {
        const spec = shapes[shape]!(a, b);
        const json = JSON.stringify(spec);
        const got = attempt(() => interactiveChartJson(json));
        expect(got).toBe(attempt(() => referenceChartJson(json)));
        // The object API too, whose rows need not be plain JSON (it copies them).
        expect(attempt(() => JSON.stringify(interactiveChart(spec)))).toBe(attempt(() => JSON.stringify(referenceChart(spec))));
        if (got.startsWith('failed')) seen.failed++;
        if (got.includes('"columns":[')) seen.columns++;
        if (got.includes('"keys":[')) seen.keys++;
        if (got.includes('"suffix":"T00:00"')) seen.suffix++;
        if (/"data":\[\[/.test(got)) seen.rows++;
      }),
      // A fixed seed: the counts below say what the run covered, and a random run fell short of them now and then.
      { numRuns: 120, seed: 20261127 },
    );
    // Every way of writing a table was compared, and most specs compiled.
    expect(seen.columns).toBeGreaterThan(15);
    expect(seen.keys).toBeGreaterThan(2);
    expect(seen.suffix).toBeGreaterThan(5);
    expect(seen.rows).toBeGreaterThan(30);
    expect(seen.failed).toBeLessThan(75);
  });

  it('is byte for byte the file of the code it replaced for date columns: few dates, firsts of months, every day, a null among them', () => {
    const pairs = fc.constantFrom(fewDays, monthly, day).chain((dates) => fc.array(fc.tuple(dates, fc.double()), { minLength: 2, maxLength: 30 }));
    const rowsOf = fc.tuple(pairs, fc.boolean(), fc.nat()).map(([pairs, gap, at]) => {
      const rows: Record<string, unknown>[] = pairs.map(([d, x]) => ({ date: d, v: x }));
      if (gap) rows[at % rows.length]!.date = null;
      return rows;
    });
    const seen = { dateKeys: 0, localEnd: 0, longerEnd: 0 };
    fc.assert(
      fc.property(rowsOf, rowsOf, (a, b) => {
        const json = JSON.stringify(shapes[1]!(a, b));
        const got = interactiveChartJson(json);
        expect(got).toBe(referenceChartJson(json));
        if (/"keys":\["\d{4}-\d\d-\d\dT00:00"/.test(got)) seen.dateKeys++;
        if (got.includes('"suffix":"T00:00"')) seen.localEnd++;
        if (/"suffix":"[^"]+T00:00"/.test(got)) seen.longerEnd++;
      }),
      { numRuns: 80, seed: 20261127 },
    );
    expect(seen.dateKeys).toBeGreaterThan(5);
    expect(seen.localEnd).toBeGreaterThan(5);
    expect(seen.longerEnd).toBeGreaterThan(5);
  });

  it('writes tables given as rows as the writer given their JSON does', () => {
    // Columns of strings that rise for a while, then repeat or fall: around the limit of keys.
    const rising = fc.tuple(fc.uniqueArray(fc.oneof(day, fc.string({ maxLength: 3 })), { maxLength: 12 }), fc.array(fc.oneof(day, names), { maxLength: 6 })).map(([head, tail]) => [...head.sort(), ...tail].map((d) => ({ d })));
    fc.assert(
      fc.property(fc.array(fc.oneof(table, rising), { maxLength: 3 }), (tables) => {
        const plain = tables.map((t) => JSON.parse(JSON.stringify(t)) as unknown[]);
        expect(interactiveRowsFileJson(plain, '{}')).toBe(referenceFileJson(plain.map((t) => JSON.stringify(t)), '{}'));
      }),
      { numRuns: 600 },
    );
  });

  it('leaves the spec it is given unchanged when it makes local dates of a copy', () => {
    const rows = [{ date: '2026-01-02', v: 1 }];
    const spec = { data: { values: rows }, mark: 'line', encoding: { x: date, y: v } };
    const out = interactiveSpec(spec) as { data: { values: { date: string }[] } };
    expect(out.data.values[0]!.date).toBe('2026-01-02T00:00');
    expect(rows[0]!.date).toBe('2026-01-02');
  });
});
