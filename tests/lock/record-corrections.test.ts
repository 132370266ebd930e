import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareLock } from '../../src/lock/compare-lock.ts';
import { correctionText, issueCorrections } from '../../src/lock/corrections.ts';
import { readLock } from '../../src/lock/lock-file.ts';
import type { IssueLock, LockFile, Snapshot } from '../../src/lock/lock-types.ts';
import { acceptDate, addToHistory, changedFigures, newCorrections } from '../../src/lock/record-corrections.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const issue = (price: number, files = { 'prices.csv': '1111111111111111', 'other.csv': '3333333333333333' }): IssueLock => ({
  asOf: '2026-01-08',
  figures: {
    price: { rendered: `$${price}.00`, value: price, sources: [{ file: 'prices.csv', columns: ['price'] }] },
    count: { rendered: '4', value: 4, sources: [{ file: 'other.csv', columns: ['n'] }] },
  },
  charts: {},
  files,
});
const snap = (issues: Record<string, IssueLock>): Snapshot => ({ issues, drafts: [], broken: {} });

describe('recording corrections', () => {
  const lock: LockFile = { version: 1, issues: { a: issue(121) } };
  const now = snap({ a: issue(130, { 'prices.csv': '2222222222222222', 'other.csv': '3333333333333333' }) });
  const { drift } = compareLock(lock, now);
  drift[0]!.files[0]!.rows = { rows: ['2026-01-08 (line 6): price 121 → 130'], more: 0, later: 0 };

  it('makes one correction per changed figure, with only the data files that figure reads', () => {
    expect(changedFigures(drift)).toEqual(['a: price']);
    expect(newCorrections(drift, lock, now, 'Revised.', '2026-02-01')).toEqual({
      a: [{
        date: '2026-02-01',
        figure: 'price',
        old: { rendered: '$121.00', value: 121 },
        now: { rendered: '$130.00', value: 130 },
        reason: 'Revised.',
        files: [{ file: 'prices.csv', rows: ['2026-01-08 (line 6): price 121 → 130'] }],
      }],
    });
  });

  it('makes no correction, and asks no reason, for a value that moved below its rounding (the text readers read is the same)', () => {
    const below = snap({ a: { ...issue(121), figures: { ...issue(121).figures, price: { ...issue(121).figures.price!, value: 121.000000001 } } } });
    const { drift: d } = compareLock(lock, below);
    expect(d[0]!.changes).toHaveLength(1);
    expect(changedFigures(d)).toEqual([]);
    expect(newCorrections(d, lock, below, 'Recomputed.', '2026-02-01')).toEqual({});
  });

  it('adds to the history and never drops an earlier correction', () => {
    const first = newCorrections(drift, lock, now, 'First.', '2026-02-01');
    const second = newCorrections(drift, lock, now, 'Second.', '2026-03-01');
    const history = addToHistory(addToHistory(undefined, first), second)!;
    expect(history.a!.map((c) => c.reason)).toEqual(['First.', 'Second.']);
    expect(addToHistory(undefined, {})).toBeUndefined();
  });

  it('numbers an issue\'s corrections for their anchors, and writes one as a line of text', () => {
    const history = addToHistory(undefined, newCorrections(drift, lock, now, 'Revised by the source', '2026-02-01'));
    const [c] = issueCorrections('a', { version: 1, issues: {}, history });
    expect(c).toMatchObject({ n: 1, anchor: 'correction-1' });
    expect(correctionText(c!, 'Last price.')).toBe('Corrected 2026-02-01: Last price, $121.00 → $130.00. Revised by the source.');
    expect(issueCorrections('b', { version: 1, issues: {}, history })).toEqual([]);
  });

  it('dates the accept today (UTC), or TALLY_TODAY when it is a calendar date', () => {
    expect(acceptDate({})).toBe(new Date().toISOString().slice(0, 10));
    expect(acceptDate({ TALLY_TODAY: '2028-02-29' })).toBe('2028-02-29');
    expect(() => acceptDate({ TALLY_TODAY: '2026-02-30' })).toThrow('TALLY_TODAY is "2026-02-30", which is not a calendar date written YYYY-MM-DD.');
  });
});

describe('reading the lock history', () => {
  let dir: string | undefined;
  const root = process.env.TALLY_ROOT;
  afterEach(() => {
    if (root === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = root;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const withLock = (json: unknown) => {
    dir = tempDir('tally-history-');
    fs.writeFileSync(path.join(dir, 'tally.lock.json'), JSON.stringify(json, null, 2));
    process.env.TALLY_ROOT = dir;
  };

  it('reads a lock written before corrections existed as one with none', () => {
    withLock({ version: 1, issues: { a: issue(121) } });
    expect(readLock().history).toBeUndefined();
    expect(issueCorrections('a', readLock())).toEqual([]);
  });

  it('refuses a history entry without its reason, naming the issue and its line', () => {
    withLock({ version: 1, issues: {}, history: { a: [{ date: '2026-02-01', figure: 'price', old: { rendered: '$1', value: 1 }, now: null, files: [] }] } });
    expect(() => readLock()).toThrow(/tally\.lock\.json:5: The corrections of issue "a" in "history" each need date, figure, old, now, reason and files\./);
  });
});
