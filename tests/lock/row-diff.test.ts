import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../src/data/column-types.ts';
import type { ManifestEntry } from '../../src/data/manifest.ts';
import { diffDataFile, MAX_LISTED } from '../../src/lock/row-diff.ts';

const entry = (columns?: Record<string, ColumnType>): ManifestEntry =>
  ({ file: 'x', title: 'X', source: 'S', url: 'https://example.com', licence: 'CC0', retrieved: '2026-01-01', illustrative: false, columns: columns && Object.fromEntries(Object.entries(columns).map(([c, type]) => [c, { type }])) }) as ManifestEntry;
const prices = entry({ date: 'date', price: 'number', label: 'string' });
const csv = (...rows: string[]) => ['date,price,label', ...rows].join('\r\n') + '\r\n';

describe('the rows of a data file that changed since the lock', () => {
  it('names the row by its date and line, and each changed cell old → new', () => {
    const old = csv('2026-01-02,100,A', '2026-01-05,102.5,B', '2026-01-08,121,C');
    const now = csv('2026-01-02,100,A', '2026-01-05,102.5,B', '2026-01-08,130,"C, revised"');
    expect(diffDataFile('prices.csv', old, now, prices, { asOf: '2026-01-08' })).toEqual({
      rows: ['2026-01-08 (line 4): price 121 → 130, label "C" → "C, revised"'],
      more: 0,
      later: 0,
    });
  });

  it('lists added and removed rows, and an emptied cell as empty', () => {
    const old = csv('2026-01-02,100,A', '2026-01-05,102.5,B');
    const now = csv('2026-01-02,,A', '2026-01-06,103,N');
    expect(diffDataFile('prices.csv', old, now, prices, { asOf: '2026-12-31' }).rows).toEqual([
      '2026-01-02 (line 2): price 100 → (empty)',
      '2026-01-05 (line 3 of the locked file): removed (price 102.5, label "B")',
      '2026-01-06 (line 3): added (price 103, label "N")',
    ]);
  });

  it('counts rows dated after the as-of date instead of listing them, unless a figure reads the latest rows', () => {
    const old = csv('2026-01-02,100,A');
    const now = csv('2026-01-02,101,A', '2026-01-09,999,Later', '2026-01-10,998,Later');
    expect(diffDataFile('prices.csv', old, now, prices, { asOf: '2026-01-08' })).toEqual({ rows: ['2026-01-02 (line 2): price 100 → 101'], more: 0, later: 2 });
    expect(diffDataFile('prices.csv', old, now, prices, { asOf: '2026-01-08', latest: true }).rows).toHaveLength(3);
  });

  it('matches rows by date and text cells when a date repeats (long format), then by position', () => {
    const long = entry({ date: 'date', ticker: 'string', ytd: 'number' });
    const old = 'date,ticker,ytd\n2026-01-08,AAA,0.1\n2026-01-08,BBB,0.2\n';
    const now = 'date,ticker,ytd\n2026-01-08,BBB,0.25\n2026-01-08,AAA,0.1\n';
    expect(diffDataFile('stocks.csv', old, now, long).rows).toEqual(['2026-01-08 · "BBB" (line 2): ytd 0.2 → 0.25']);
    const plain = entry({ v: 'number' });
    expect(diffDataFile('v.csv', 'v\n1\n2\n', 'v\n1\n3\n', plain).rows).toEqual(['row 2 (line 3): v 2 → 3']);
  });

  it(`lists at most ${MAX_LISTED} rows and counts the rest`, () => {
    const days = Array.from({ length: 15 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`);
    const r = diffDataFile('prices.csv', csv(...days.map((d) => `${d},1,A`)), csv(...days.map((d) => `${d},2,A`)), prices, { asOf: '2026-12-31' });
    expect(r.rows).toHaveLength(MAX_LISTED);
    expect(r.more).toBe(5);
  });

  it('compares a JSON or YAML document without columns key by key', () => {
    const r = diffDataFile('settings.json', '{"threshold": 105, "owner": "W", "tiers": [1, 2]}', '{"threshold": 110, "tiers": [1, 3], "note": "new"}', entry());
    expect(r.rows).toEqual(['threshold: 105 → 110', 'owner: removed (was "W")', 'tiers[1]: 2 → 3', 'note: added ("new")']);
    expect(diffDataFile('policy.yaml', 'rate: 1\n', 'rate: 2\n', entry()).rows).toEqual(['rate: 1 → 2']);
  });

  it('throws the loader\'s located error when a version cannot be read', () => {
    expect(() => diffDataFile('prices.csv', csv('2026-01-02,100,A'), csv('2026-01-02,1;0,A'), prices)).toThrow(/data\/prices\.csv:2:2/);
  });
});
