import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundSpecsOf, sharedData } from '../../scripts/bench/corpus.ts';
import { interactiveRowsFileJson } from '../../src/charts/interactive-file.ts';
import { interactiveChart, interactiveChartJson, interactiveSpec } from '../../src/charts/interactive-spec.ts';
import { interactiveChart as referenceChart, interactiveChartJson as referenceChartJson } from './interactive-json-reference/interactive-spec.ts';
import { interactiveFileJson as referenceFileJson } from './interactive-json-reference/interactive-file.ts';
import { date, day, fewDays, monthly, names, shapes, table, v } from './interactive-arbitraries.ts';

/** What a call gives: its text, or the message it failed with (the two must fail alike too). */
const attempt = (make: () => string): string => {
  try {
    return `ok ${make()}`;
  } catch (e) {
    return `failed ${(e as Error).message}`;
  }
};

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
