import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lock/canonical-json.ts';
import { tableMemoJson } from '../../src/lock/table-memo-json.ts';
import { canonicalJson as keyListJson } from './canonical-json-reference/canonical-json.ts';
import { csvRows } from './csv-rows.ts';

/** What a print gives, or the kind of error it throws. */
const outcome = (print: (v: unknown) => string, v: unknown): string => {
  try {
    return print(v);
  } catch (e) {
    return `threw ${(e as Error).name}`;
  }
};

/** Prints every value in turn with one printer (its memo carried from value to value), as the oracles print each alone. */
const expectSamePrints = (values: unknown[]): void => {
  const print = tableMemoJson();
  for (const [i, v] of values.entries()) {
    const printed = outcome(print, v);
    expect(printed, `value ${i}`).toBe(outcome(keyListJson, v));
    expect(printed, `value ${i}`).toBe(outcome(canonicalJson, v));
  }
};

/** A chart's bound data as the lock digests it: the datasets, then the data's values. */
const bound = (rows: unknown): unknown[] => [null, { values: rows }];

const key = fc.constantFrom('date', 'a', 'b', 'value', 'B', 'é', '10', '9', '01', '', 'constructor', '__proto__', 'toJSON');
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 4 })) },
  fc.constantFrom(null, undefined, true, false, NaN, -0, Infinity, 'a"b\\c\n', '\uD800'),
  fc.constantFrom({ nested: 1, a: [2] }, new Date(0), () => 1, [1, { z: 2, y: 3 }]),
);

/** A change made to a table between two prints, as the next issue's cut or another file would. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('grow' as const), by: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cell' as const), at: fc.nat(), column: fc.nat(), to: cell }),
  fc.record({ kind: fc.constant('drop-key' as const), at: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), name: key }),
  fc.record({ kind: fc.constant('reorder' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('mutate-in-place' as const), at: fc.nat(), to: cell }),
);

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function apply(rows: Record<string, unknown>[], c: Change, keys: string[], fresh: (i: number) => Record<string, unknown>): Record<string, unknown>[] {
  const next = rows.map((r) => ({ ...r }));
  const at = rows.length ? ('at' in c ? c.at % rows.length : 0) : 0;
  switch (c.kind) {
    case 'cut':
      return next.slice(0, Math.max(1, rows.length - (c.at % 20)));
    case 'grow':
      return [...next, ...Array.from({ length: c.by }, (_, i) => fresh(rows.length + i))];
    case 'cell':
      if (next[at] && keys.length) next[at]![keys[c.column % keys.length]!] = c.to;
      return next;
    case 'drop-key':
      if (next[at] && keys.length) delete next[at]![keys[c.column % keys.length]!];
      return next;
    case 'add-key':
      if (next[at]) Object.defineProperty(next[at], c.name, { value: 1, enumerable: true, writable: true, configurable: true });
      return next;
    case 'reorder':
      // The keys in reverse order, the cells in their places: the same cells row by row, other data.
      if (next[at]) {
        const entries = Object.entries(next[at]!);
        next[at] = Object.fromEntries(entries.map(([, v], i) => [entries[entries.length - 1 - i]![0], v]));
      }
      return next;
    case 'mutate-in-place':
      // The same row objects printed again after a cell changed in place: the memo holds cells, not rows.
      if (rows[at] && keys.length) rows[at]![keys[0]!] = c.to;
      return rows;
  }
}

describe('canonical JSON printed with a memo of tables', () => {
  it('prints what the code it replaced printed, for tables cut, grown and changed between prints', () => {
    const table = fc.record({
      keys: fc.uniqueArray(key, { minLength: 1, maxLength: 4 }),
      length: fc.integer({ min: 60, max: 140 }),
      seed: fc.integer(),
      changes: fc.array(change, { maxLength: 6 }),
      nest: fc.boolean(),
    });
    fc.assert(
      fc.property(table, ({ keys, length, seed, changes, nest }) => {
        const fresh = (i: number): Record<string, unknown> => {
          const row = Object.create(Object.prototype) as Record<string, unknown>;
          keys.forEach((k, j) => Object.defineProperty(row, k, { value: j % 2 ? `${(seed + i) % 7}` : ((seed * 31 + i * 17 + j) % 1000) / 8, enumerable: true, writable: true, configurable: true }));
          return row;
        };
        let rows = Array.from({ length }, (_, i) => fresh(i));
        const print = tableMemoJson();
        for (const c of [...changes, { kind: 'grow' as const, by: 3 }]) {
          const v = nest ? bound(rows) : rows;
          expect(outcome(print, v)).toBe(outcome(keyListJson, v));
          rows = apply(rows, c, keys, fresh);
        }
        const last = nest ? bound(rows) : rows;
        expect(outcome(print, last)).toBe(outcome(keyListJson, last));
      }),
      { numRuns: 400 },
    );
  });

  it('prints two series of the same shape alternately, and other values between them', () => {
    const series = (n: number, shift: number) => Array.from({ length: n }, (_, i) => ({ date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, a: i + shift, b: i % 3 ? null : undefined }));
    const print = tableMemoJson();
    const swapped = series(100, 0).map((r, i) => (i === 50 ? { b: r.date, a: r.a, date: r.b } : r));
    const values = [bound(series(100, 0)), bound(swapped), bound(series(80, 1)), bound(series(101, 0)), { x: [1, 2], y: 'z' }, bound(series(64, 0)), bound(series(63, 0)), undefined, [new Date(0)], bound(series(200, 0))];
    for (const v of values) expect(outcome(print, v)).toBe(outcome(keyListJson, v));
  });

  it('prints long tables of several shapes as the code it replaced did, past the rows it keeps in all', () => {
    const long = (name: string, n: number) => Array.from({ length: n }, (_, i) => ({ [name]: i % 1000, at: i }));
    const print = tableMemoJson();
    // Three shapes of 150,000 rows: the third makes the memo forget the first.
    const values = [long('a', 150_000), long('b', 150_000), long('c', 150_000), long('a', 150_000), long('a', 149_999), long('b', 150_000), long('b', 200_001)];
    for (const v of values) expect(print(v)).toBe(keyListJson(v));
  });

  it('prints the data files of every fixture site, each cut ever shorter then whole, as the code it replaced did', () => {
    const files = fs.readdirSync(path.join(import.meta.dirname, '..', 'fixtures'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.csv'))
      .map((f) => path.join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(20);
    const values: unknown[] = [];
    for (const file of files) {
      const rows = csvRows(fs.readFileSync(file, 'utf8'));
      for (const n of [rows.length, Math.floor(rows.length / 2), rows.length - 1, rows.length]) values.push(bound(rows.slice(0, Math.max(0, n))));
    }
    expect(values.some((v) => ((v as [null, { values: unknown[] }])[1].values.length >= 64))).toBe(true);
    expectSamePrints(values);
  });
});
