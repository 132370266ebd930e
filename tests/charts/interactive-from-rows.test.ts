import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundSpecsOf, sharedData } from '../../scripts/bench/corpus.ts';
import { interactiveFileFromRows } from '../../src/charts/interactive-from-rows.ts';
import { interactiveChartJson, rowlessDataflowJson } from '../../src/charts/interactive-spec.ts';
import { date, shapes, table, v } from './interactive-arbitraries.ts';

/** The worker's compile, here. */
const compile = async (layout: 'wide' | 'narrow', json: string) => rowlessDataflowJson(layout, json);

/** What the worker makes from the spec's JSON: its text, or the message it failed with. */
const fromJson = (spec: Record<string, unknown>): string => {
  try {
    return `ok ${interactiveChartJson(JSON.stringify(spec))}`;
  } catch (e) {
    return `failed ${(e as Error).message}`;
  }
};

describe('the interactive file made in the main thread from the bound rows', () => {
  it('is byte for byte the file a worker makes from the spec JSON, for the bench corpus, and leaves the spec as it was', async () => {
    const shared = sharedData();
    let made = 0;
    for (const i of [0, 9]) {
      for (const spec of boundSpecsOf(i, 10, shared)) {
        const before = JSON.stringify(spec);
        const got = await interactiveFileFromRows(spec, compile);
        expect(JSON.stringify(spec)).toBe(before);
        expect(`ok ${got}`).toBe(fromJson(spec));
        made++;
      }
    }
    // Every chart of two issues: the 20,000-row daily series, sectors, bars, a scatter.
    expect(made).toBe(8);
  });

  it('is byte for byte the file a worker makes, over generated rows (dates, nulls, missing keys, unicode, numbers)', async () => {
    const seen = { made: 0, columns: 0, suffix: 0, rows: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(shapes.length - 1), table, table, async (shape, a, b) => {
        const spec = shapes[shape]!(a, b);
        const reference = fromJson(spec);
        let got: string | undefined;
        try {
          got = await interactiveFileFromRows(spec, compile);
        } catch (e) {
          // The compile fails here as it fails there.
          expect(reference).toBe(`failed ${(e as Error).message}`);
          return;
        }
        if (got === undefined) return;
        expect(`ok ${got}`).toBe(reference);
        seen.made++;
        if (got.includes('"columns":[')) seen.columns++;
        if (got.includes('"suffix":"T00:00"')) seen.suffix++;
        if (/"data":\[\[/.test(got)) seen.rows++;
      }),
      { numRuns: 150, seed: 20261128 },
    );
    expect(seen.made).toBeGreaterThan(60);
    expect(seen.columns).toBeGreaterThan(10);
    expect(seen.suffix).toBeGreaterThan(3);
    expect(seen.rows).toBeGreaterThan(20);
  });

  it('leaves to the spec JSON a composite, and rows holding a value JSON would change', async () => {
    const rows = [
      { date: '2026-01-02', v: 1 },
      { date: '2026-01-03', v: 2 },
    ];
    const line = { data: { values: rows }, mark: 'line', encoding: { x: date, y: v } };
    expect(await interactiveFileFromRows(line, compile)).toBeDefined();
    // A Date among like rows (written by column), and among rows of other keys (written as rows).
    expect(await interactiveFileFromRows({ ...line, data: { values: [...rows, { date: new Date(0), v: 3 }] } }, compile)).toBeUndefined();
    expect(await interactiveFileFromRows({ ...line, data: { values: [...rows, { v: 3, date: new Date(0) }] } }, compile)).toBeUndefined();
    expect(await interactiveFileFromRows({ ...line, data: { values: [...rows, { v: 3, date: '2026-01-04' }] } }, compile)).toBeDefined();
    expect(await interactiveFileFromRows({ data: { values: rows }, hconcat: [{ mark: 'point', encoding: { x: date, y: v } }] }, compile)).toBeUndefined();
  });

  it('compiles each shape once per layout, and a failed compile again next time', async () => {
    const calls: string[] = [];
    const counting = async (layout: 'wide' | 'narrow', json: string) => (calls.push(layout), rowlessDataflowJson(layout, json));
    const spec = (n: number) => ({ data: { values: [{ x: n, y: 1 }, { x: n + 1, y: 2 }] }, mark: 'bar', encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative', title: 'once' } } });
    await interactiveFileFromRows(spec(1), counting);
    await interactiveFileFromRows(spec(5), counting);
    expect(calls).toEqual(['wide', 'narrow']);
    let failing = 0;
    const failOnce = async (layout: 'wide' | 'narrow', json: string) => {
      if (failing++ === 0) throw new Error('worker ran out of memory');
      return rowlessDataflowJson(layout, json);
    };
    const other = { ...spec(1), mark: 'point' };
    await expect(interactiveFileFromRows(other, failOnce)).rejects.toThrow('worker ran out of memory');
    expect(`ok ${await interactiveFileFromRows(other, failOnce)}`).toBe(fromJson(other));
  });
});
