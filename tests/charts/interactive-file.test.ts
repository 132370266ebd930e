import { describe, expect, it } from 'vitest';
import { interactiveFileJson, readInteractiveFile, type InteractiveFile, type TableColumns } from '../../src/charts/interactive-file.ts';

const views = { wide: { data: [{ name: 'source_0', values: { $tallyData: 0 } }] } };

/** The file written from these tables, and read back. */
function roundTrip(...tables: unknown[][]): { file: InteractiveFile; text: string; back: unknown[][] } {
  const text = interactiveFileJson(tables.map((t) => JSON.stringify(t)), views);
  const file = JSON.parse(text) as InteractiveFile;
  return { file, text, back: readInteractiveFile(file).data };
}

/** A long daily series as the interactive compile leaves it: dates at local midnight, two values. */
const daily = Array.from({ length: 20_000 }, (_, i) => ({ date: `${new Date(Date.UTC(1971, 0, 1 + i)).toISOString().slice(0, 10)}T00:00`, a: Math.round(10000 + Math.sin(i / 50) * 3000) / 100, b: Math.round(5000 + (i % 97) * 13) / 100 }));
const weekly = Array.from({ length: 5_000 }, (_, i) => ({ date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}T00:00`, sector: ['Energy', 'Utilities', 'Technology', 'Health "care"', '<b>&</b>'][i % 5], value: i % 7 ? i / 3 : null }));

describe('the chart file of the interactive layer', () => {
  it('writes a long table by column and reads back every row, each with its keys in their order', () => {
    const { file, text, back } = roundTrip(daily, weekly);
    expect(JSON.stringify(back)).toBe(JSON.stringify([daily, weekly]));
    const [d, w] = file.data as TableColumns[];
    expect(d).toMatchObject({ length: 20_000, columns: [{ name: 'date', suffix: 'T00:00' }, { name: 'a' }, { name: 'b' }] });
    expect(w!.columns[1]).toEqual({ name: 'sector', keys: ['Energy', 'Utilities', 'Technology', 'Health "care"', '<b>&</b>'], values: weekly.map((_, i) => i % 5) });
    expect(w!.columns[2]!.values).toContain(null);
    // The view is written as given.
    expect(JSON.parse(text).views).toEqual(views);
  });

  it('holds a 20,000-row daily series in less than 60% of the bytes of its rows', () => {
    const rows = `{"data":[${JSON.stringify(daily)}],"views":${JSON.stringify(views)}}`;
    const { text } = roundTrip(daily);
    expect(text.length / rows.length).toBeLessThan(0.6);
  });

  it('writes as rows a table that is not a list of like objects, and reads it back as it was', () => {
    const tables: unknown[][] = [
      [],
      [{ x: 1 }],
      [3, 1, 4],
      [{ x: 1, y: 2 }, { y: 2, x: 1 }],
      [{ x: 1 }, { x: 1, y: 2 }],
      [{ x: 1 }, [1]],
      [{ x: 1 }, null],
      [{}, {}],
      JSON.parse('[{"__proto__":1,"x":2},{"__proto__":3,"x":4}]') as unknown[],
    ];
    const { file, back } = roundTrip(...tables);
    for (const [i, t] of tables.entries()) expect(file.data[i], `table ${i}`).toEqual(t);
    expect(JSON.stringify(back)).toBe(JSON.stringify(tables));
  });

  it('reads back strings that are all the repeated end, values of every JSON kind, and nested objects', () => {
    const rows = [
      { s: 'T00:00', n: -0.5, t: true, o: { p: [1, { q: 'r' }] }, z: null },
      { s: 'aT00:00', n: 1e21, t: false, o: { p: [] }, z: 'x' },
      { s: 'bT00:00', n: 0, t: true, o: {}, z: 3 },
    ];
    const { file, back } = roundTrip(rows);
    expect((file.data[0] as TableColumns).columns[0]).toEqual({ name: 's', values: ['', 'a', 'b'], suffix: 'T00:00' });
    expect(JSON.stringify(back)).toBe(JSON.stringify([rows]));
  });
});
