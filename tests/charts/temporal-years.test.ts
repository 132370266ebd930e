import { describe, expect, it } from 'vitest';
import { datesForYears } from '../../src/charts/temporal-years.ts';

const specOf = (values: Record<string, unknown>[], transform?: unknown[]) => {
  const spec = { data: { values }, mark: 'line', encoding: { x: { field: 'Year', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } }, ...(transform ? { transform } : {}) };
  return { abs: '/x/s.vl.json', file: 's.vl.json', text: JSON.stringify(spec, null, 1), spec };
};
const yearsOf = (spec: Record<string, unknown>) => (spec.data as { values: Record<string, unknown>[] }).values.map((r) => r.Year);

describe('years plotted as time, among missing values', () => {
  it('turns the years into dates when every value present is a year, missing ones left as they are', () => {
    const file = specOf([{ Year: null, v: 1 }, { v: 2 }, { Year: 1990, v: 3 }, { Year: 2001, v: 4 }]);
    expect(yearsOf(datesForYears(file.spec, file))).toEqual([null, undefined, '1990-01-01', '2001-01-01']);
  });

  it('leaves the column alone when one value present is not a year, wherever it is', () => {
    for (const odd of [1990.5, '1991', 999, 3001]) {
      const file = specOf([{ Year: null, v: 1 }, { Year: 1990, v: 2 }, { Year: odd, v: 3 }, { Year: 2001, v: 4 }]);
      expect(yearsOf(datesForYears(file.spec, file))).toEqual([null, 1990, odd, 2001]);
    }
    const none = specOf([{ Year: null, v: 1 }, { v: 2 }]);
    expect(yearsOf(datesForYears(none.spec, none))).toEqual([null, undefined]);
  });

  it('names the first year present when a transform reads the column too', () => {
    const file = specOf([{ Year: null, v: 1 }, { Year: 1950, v: 2 }, { Year: 1940, v: 3 }], [{ filter: 'datum.Year > 1900' }]);
    expect(() => datesForYears(file.spec, file)).toThrow(/years as numbers \(e\.g\. 1950\)/);
  });
});
