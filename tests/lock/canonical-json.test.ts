import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf, prettyJson, sortKeys } from '../../src/lock/canonical-json.ts';
import { canonicalJson as keyListJson } from './canonical-json-reference/canonical-json.ts';
import { csvRows } from './csv-rows.ts';

// The implementation lock files were written with: a sorted copy, printed. Every digest in a
// published lock file came from it, so the current one must print the very same string.
function oracleSortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oracleSortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = oracleSortKeys(v);
  }
  return out;
}
const oracleJson = (value: unknown): string => JSON.stringify(oracleSortKeys(value));
const oracleDigest = (value: unknown): string => createHash('sha256').update(oracleJson(value)).digest('hex').slice(0, 16);

/** What a print or digest gives, or the kind of error it throws (a `__proto__` key set to a function throws in both). */
const outcome = (print: (v: unknown) => string, v: unknown): string => {
  try {
    return print(v);
  } catch (e) {
    return `threw ${(e as Error).name}`;
  }
};
const sameAsOracle = (value: unknown): void => {
  expect(outcome(canonicalJson, value)).toBe(outcome(oracleJson, value));
  // The code it replaced: JSON.stringify with every object's keys listed.
  expect(outcome(canonicalJson, value)).toBe(outcome(keyListJson, value));
  expect(outcome((v) => JSON.stringify(sortKeys(v)), value)).toBe(outcome(oracleJson, value));
};

// Keys that order differently by code unit, by number, or not at all like the others.
const trickyKey = fc.constantFrom(
  '', 'a', 'b', 'B', 'date', 'value', 'values', 'é', 'e\u0301', 'Z', 'ß', '😀', '\uFFFF', '\uD83D', '\u0000', ' ', 'a b',
  '0', '1', '2', '9', '10', '01', '-1', '-0', '1.5', '1e3', '4294967294', '4294967295', '4294967296', '9007199254740993',
  'constructor', 'toString', 'hasOwnProperty', 'length', '__proto__', 'toJSON',
);
const key = fc.oneof(trickyKey, fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, -1e21, 123456789012345680000, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2),
);
const primitive = fc.oneof(number, fc.string({ unit: 'binary', maxLength: 6 }), fc.boolean(), fc.constant(null), fc.constant(undefined));

/** An object with these entries, set in this order (a `__proto__` entry as an own key, as JSON.parse makes it). */
const objectOf = (entries: [string, unknown][], proto: object | null = Object.prototype): Record<string, unknown> => {
  const o = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, primitive, tie('array'), tie('object'), tie('table'), tie('odd')),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 5 }), fc.sparseArray(tie('value'), { maxLength: 5 })),
  object: fc
    .tuple(fc.uniqueArray(fc.tuple(key, tie('value')), { selector: ([k]) => k, maxLength: 6 }), fc.boolean())
    .map(([entries, nullProto]) => objectOf(entries, nullProto ? null : Object.prototype)),
  // Rows of one table: the same keys, in an order of their own per row or shared.
  table: fc
    .tuple(fc.uniqueArray(key, { maxLength: 5 }), fc.array(fc.array(primitive, { minLength: 5, maxLength: 5 }), { maxLength: 6 }), fc.boolean())
    .map(([keys, rows, shuffle]) => rows.map((cells, r) => objectOf(keys.map((k, i) => [k, cells[i]] as [string, unknown]).sort(() => (shuffle && r % 2 ? -1 : 0))))),
  // What JSON never holds but a figures module could hand over.
  odd: fc.oneof(
    fc.date({ noInvalidDate: true }),
    fc.constant(() => 1),
    fc.constant(new Map([['a', 1]])),
    fc.constant(new Uint8Array([1, 2])),
    fc.constant(Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 })),
    fc.constant(Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })),
    fc.constant(Object.assign([1, 2], { toJSON: () => 'array' })),
    fc.constant({ toJSON: () => 'object' }),
    fc.constant(Object.assign(new (class Point { x = 1; })(), { y: 2 })),
  ),
}));

describe('canonical JSON', () => {
  it('prints what the sorted copy printed, for any value: nested, sparse, undefined, odd keys and numbers', () => {
    fc.assert(fc.property(value, sameAsOracle), { numRuns: 5_000 });
  });

  it('prints what the sorted copy printed for the same value in any key order', () => {
    const entries = fc.uniqueArray(fc.tuple(key, primitive), { selector: ([k]) => k, minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(entries, fc.func(fc.integer()), (list, order) => {
        const shuffled = [...list].sort((a, b) => order(a[0], b[0]) - order(b[0], a[0]));
        expect(canonicalJson(objectOf(shuffled))).toBe(canonicalJson(objectOf(list)));
        sameAsOracle(objectOf(shuffled));
        sameAsOracle([objectOf(list), { nested: objectOf(shuffled) }]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('digests as the sorted copy did', () => {
    // Nothing to digest (undefined, a function) fails in both.
    fc.assert(fc.property(value, (v) => void expect(outcome(digestOf, v)).toBe(outcome(oracleDigest, v))), { numRuns: 1_000 });
    expect(outcome(digestOf, undefined)).toBe('threw TypeError');
  });

  it('prints integer keys first, in numeric order, up to the largest array index', () => {
    const o = objectOf([['b', 1], ['4294967295', 2], ['10', 3], ['4294967294', 4], ['9', 5], ['01', 6], ['a', undefined], ['-1', 7]]);
    expect(canonicalJson(o)).toBe('{"9":5,"10":3,"4294967294":4,"-1":7,"01":6,"4294967295":2,"b":1}');
    sameAsOracle(o);
  });

  it('prints a Date, a Map and a class instance as their sorted copies did', () => {
    const odd = { when: new Date(0), map: new Map([['a', 1]]), point: Object.assign(new (class { y = 2; x = 1; })(), {}) };
    expect(canonicalJson(odd)).toBe('{"map":{},"point":{"x":1,"y":2},"when":{}}');
    sameAsOracle(odd);
  });

  it('prints neither a key another object hides nor one it inherits, and __proto__ as the copy took it', () => {
    const hidden = [{ hidden: 1 }, Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })];
    expect(canonicalJson(hidden)).toBe('[{"hidden":1},{"a":1}]');
    const inherited = [{ z: 1 }, Object.assign(Object.create({ z: 2 }) as object, { a: 1 })];
    expect(canonicalJson(inherited)).toBe('[{"z":1},{"a":1}]');
    const proto = JSON.parse('[{"a":1,"__proto__":{"b":2}},{"__proto__":3,"c":4}]') as unknown;
    expect(canonicalJson(proto)).toBe('[{"a":1},{"c":4}]');
    // A toJSON of its own is called on the sorted copy, whose keys it may read.
    const own = { b: 1, a: 2, toJSON(this: object) { return Object.keys(this); } };
    expect(canonicalJson([own])).toBe('[["a","b","toJSON"]]');
    for (const v of [hidden, inherited, proto, own]) sameAsOracle(v);
  });

  it('prints wide rows whose keys share nothing as the sorted copy did', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ [`k${i}`]: i, [`j${i}`]: -i }));
    sameAsOracle(rows);
  });

  it('prints the rows of one table as the sorted copy did, when a cell is itself an object of other keys', () => {
    // The key order kept for the row's shape is not the one of the object in its cell.
    const rows = [
      { b: 1, a: { y: 1, x: 2 }, c: 3 },
      { b: 2, a: { y: 3, x: 4 }, c: 5 },
      { b: 3, a: [{ z: 1, '10': 2, '9': 3 }], c: undefined },
      { c: 4, b: 5, a: null },
      { b: 6, a: 7, c: 8 },
    ];
    expect(canonicalJson(rows)).toBe(
      '[{"a":{"x":2,"y":1},"b":1,"c":3},{"a":{"x":4,"y":3},"b":2,"c":5},{"a":[{"9":3,"10":2,"z":1}],"b":3},{"a":null,"b":5,"c":4},{"a":7,"b":6,"c":8}]',
    );
    sameAsOracle(rows);
  });

  it('digests the data files and specs of every fixture site as the code it replaced did', () => {
    const files = fs.readdirSync(path.join(import.meta.dirname, '..', 'fixtures'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && /\.(json|csv)$/.test(f.name))
      .map((f) => path.join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // A chart's bound data as the lock digests it: the datasets, then each data's values.
      const values = file.endsWith('.csv') ? csvRows(text) : (JSON.parse(text) as unknown);
      const bound = [null, { values }, { values, format: { parse: { date: 'date' } } }];
      expect(digestOf(bound), file).toBe(oracleDigest(bound));
      expect(canonicalJson(bound), file).toBe(keyListJson(bound));
    }
  });

  it('keeps the digests of lock files already written (a bound chart, a figure value)', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ date: `1971-01-${String((i % 28) + 1).padStart(2, '0')}`, a: 100 + i / 7, b: i % 5 ? 49.25 + i : null }));
    const bound = [null, { values: rows, format: { parse: { date: 'date' } } }, { values: [{ 'é': 1, e: 2, '2020': 3, '10': 4 }] }];
    expect(digestOf(bound)).toBe('18f9d66859ad64db');
    expect(digestOf({ rendered: '$1.2m', value: -0, sources: [{ file: 'prices.csv', columns: ['price'], latest: undefined }] })).toBe('636e3d704e54c345');
  });
});
