import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/parse-csv.ts';
import type { TallyError } from '../../src/core/errors.ts';

const opts = { file: 'x.csv', loc: 'data/x.csv', columns: { date: 'date', v: 'number', n: 'integer', s: 'string' } as const, dateColumn: 'date' };

function error(fn: () => unknown): TallyError {
  try {
    fn();
  } catch (e) {
    return e as TallyError;
  }
  throw new Error('expected an error');
}

describe('parseCsv', () => {
  it('types every declared column and keeps source lines', () => {
    const t = parseCsv('date,v,n,s\n2026-01-02,1.5,3,a\n2026-01-03,-2,4,"b, c"\n', opts);
    expect(t.rows).toEqual([
      { date: '2026-01-02', v: 1.5, n: 3, s: 'a' },
      { date: '2026-01-03', v: -2, n: 4, s: 'b, c' },
    ]);
    expect(t.lines).toEqual([2, 3]);
  });

  it('reads an empty cell as missing, never zero', () => {
    const t = parseCsv('date,v,n,s\n2026-01-02,,,\n', opts);
    expect(t.rows[0]).toEqual({ date: '2026-01-02', v: null, n: null, s: null });
  });

  it('keeps a date a calendar date (no Date, no time zone)', () => {
    const t = parseCsv('date,v,n,s\n2026-03-08,1,1,a\n', opts);
    expect(t.rows[0]!.date).toBe('2026-03-08');
  });

  it('strips a BOM and reads CRLF line ends', () => {
    const t = parseCsv('\ufeffdate,v,n,s\r\n2026-01-02,1,1,a\r\n2026-01-05,2,2,b\r\n', opts);
    expect(t.rows.map((r) => r.v)).toEqual([1, 2]);
  });

  it('counts lines right after a quoted newline', () => {
    const e = error(() => parseCsv('date,v,n,s\n2026-01-02,1,1,"two\nlines"\n2026-01-03,x,1,a\n', opts));
    expect(e.loc).toEqual({ file: 'data/x.csv', line: 4, column: 2 });
  });

  it('refuses a number it would have to guess, naming file, line, column and a fix', () => {
    const e = error(() => parseCsv('date,v,n,s\n2026-01-02,"1,234",1,a\n', opts));
    expect(e.message).toBe('data/x.csv:2:2: Column "v" is declared number, but the cell holds "1,234".');
    expect(e.hint).toMatch(/no thousands separators/);
    for (const bad of ['NaN', 'Infinity', '1e999', '0x10', '12%']) {
      expect(() => parseCsv(`date,v,n,s\n2026-01-02,${bad},1,a\n`, opts)).toThrow(/declared number/);
    }
  });

  it('refuses a non-integer in an integer column and a malformed date', () => {
    expect(() => parseCsv('date,v,n,s\n2026-01-02,1,1.5,a\n', opts)).toThrow(/"n" is declared integer/);
    for (const d of ['01/02/2026', '2026-02-30', '2026-1-2', '2026-01-02T00:00:00Z']) {
      expect(error(() => parseCsv(`date,v,n,s\n${d},1,1,a\n`, opts)).hint).toMatch(/YYYY-MM-DD/);
    }
  });

  it('fails on a ragged row, a duplicate header and a missing declared column', () => {
    expect(error(() => parseCsv('date,v,n,s\n2026-01-02,1,1\n', opts)).message).toMatch(/line 2 of x.csv has 3 cells; the header has 4/);
    expect(error(() => parseCsv('date,v,v,n,s\n', opts)).message).toMatch(/the column "v" twice/);
    const e = error(() => parseCsv('date,value,n,s\n', opts));
    expect(e.message).toMatch(/No column "v" in x.csv/);
  });
});
