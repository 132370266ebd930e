import { csvFormatRows } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../src/data/column-types.ts';
import { parseCsv } from '../../src/data/parse-csv.ts';

type Cell = number | string | boolean | null;

const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Text a cell can hold: commas, quotes and every kind of line break included; never blank (blank is missing). */
const text = fc
  .string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', '\r', 'é', '<', '1', '-', '\u2212') })
  .filter((s) => s.trim() !== '');
const cellOf: Record<ColumnType, fc.Arbitrary<Cell>> = {
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  integer: fc.integer(),
  string: text,
  boolean: fc.boolean(),
  date,
};
const columnName = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '_', ' ', ',', '"', '1'), minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== '');

const table = fc
  .uniqueArray(fc.tuple(columnName, fc.constantFrom<ColumnType>('number', 'integer', 'string', 'boolean', 'date')), { minLength: 1, maxLength: 5, selector: ([name]) => name })
  .chain((cols) =>
    fc.record({
      cols: fc.constant(cols),
      rows: fc.array(fc.tuple(...cols.map(([, type]) => fc.option(cellOf[type], { freq: 5 }))), { maxLength: 25 }),
    }),
  )
  // A row of one empty cell is a blank line, which the reader skips by design.
  .filter(({ cols, rows }) => cols.length > 1 || rows.every((r) => r[0] !== null));

const options = (cols: [string, ColumnType][]) => ({ file: 'p.csv', loc: 'data/p.csv', columns: Object.fromEntries(cols), dateColumn: undefined });

describe('parseCsv properties', () => {
  it('rows written with d3-dsv csvFormat parse back to the same typed values', () => {
    fc.assert(
      fc.property(table, ({ cols, rows }) => {
        const csv = csvFormatRows([cols.map(([n]) => n), ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))]);
        const t = parseCsv(csv, options(cols));
        expect(t.rows).toEqual(rows.map((r) => Object.fromEntries(cols.map(([n], i) => [n, r[i]]))));
      }),
    );
  });

  it('each row keeps the line it starts on, whatever line breaks quoted cells hold', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), ({ cols, rows }, eol) => {
        const lines = [cols.map(([n]) => n), ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))].map((r) => csvFormatRows([r]));
        const csv = lines.join(eol) + eol;
        // The oracle: count the line breaks in the text before each row starts, as an editor would.
        let offset = lines[0]!.length + eol.length;
        const expected = lines.slice(1).map((l) => {
          const line = 1 + (csv.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length;
          offset += l.length + eol.length;
          return line;
        });
        expect(parseCsv(csv, options(cols)).lines).toEqual(expected);
      }),
    );
  });
});
