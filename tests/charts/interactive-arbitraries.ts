/** Rows and specs for comparing two makers of the interactive file: dates, nulls, missing keys, unicode, numbers, odd keys. */
import fc from 'fast-check';

export const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
export const names = fc.constantFrom('north', 'Énergie', '東京', '😀 "quoted" <b>&</b>', '');
export const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
export const value = fc.oneof(
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
export const KEYS = ['date', 'v', 's', 'when', '__proto__', '$tallyRows', 'ключ 😀', ''];
/** A column of one kind, so the file's ways of writing a column (keys, a shared end, as is) all come up. */
export const monthly = day.map((d) => `${d.slice(0, 8)}01`);
export const fewDays = fc.constantFrom('2026-01-02', '2026-01-12', '1999-12-31');
export const column = fc.constantFrom(day, monthly, fewDays, day.map((d) => `${d}T00:00`), names, names, fc.double(), value);
export const likeRows = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 })
  .chain((keys) => fc.tuple(...keys.map(() => column)).chain((gens) => fc.array(fc.tuple(...gens), { maxLength: 40 }).map((rows) => rows.map((vals) => Object.fromEntries(keys.map((k, j) => [k, vals[j]]))))));
export const raggedRows = fc.array(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 4 }), { maxLength: 12 });
export const table = fc.oneof(likeRows, likeRows, raggedRows, fc.array(value, { maxLength: 8 }));

export const date = { field: 'date', type: 'temporal' };
export const v = { field: 'v', type: 'quantitative' };
/** Spec shapes over two tables: one table, layers with their own data and datasets, a table twice, odd field names, a composite. */
export const shapes: ((a: unknown[], b: unknown[]) => Record<string, unknown>)[] = [
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
