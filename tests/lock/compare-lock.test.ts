import { describe, expect, it } from 'vitest';
import { prettyJson, sortKeys } from '../../src/lock/canonical-json.ts';
import { compareLock } from '../../src/lock/compare-lock.ts';
import { catalogue } from '../../src/core/errors.ts';
import { dataChanged, formatDrift } from '../../src/lock/format-drift.ts';
import type { IssueLock, LockFile, Snapshot } from '../../src/lock/lock-types.ts';

const issue = (over: Partial<IssueLock> = {}): IssueLock => ({
  asOf: '2026-01-08',
  figures: {
    price: { rendered: '$121.00', value: 121, sources: [{ file: 'prices.csv', columns: ['price'] }] },
    share: { rendered: '40%', value: 0.4, sources: [{ file: 'prices.csv', columns: ['price'] }] },
  },
  charts: { 'price.vl.json': { data: 'aaaaaaaaaaaaaaaa', sources: ['prices.csv'] } },
  files: { 'prices.csv': '1111111111111111' },
  ...over,
});
const lock = (issues: Record<string, IssueLock>): LockFile => ({ version: 1, issues });
const snap = (issues: Record<string, IssueLock>, broken: Snapshot['broken'] = {}): Snapshot => ({ issues, drafts: [], broken });

describe('compareLock', () => {
  it('finds no drift when only the file digest changed (rows appended after asOf)', () => {
    const r = compareLock(lock({ a: issue() }), snap({ a: issue({ files: { 'prices.csv': '2222222222222222' } }) }));
    expect(r.drift).toEqual([]);
    expect(r.added).toEqual([]);
  });

  it('reports a changed figure old → new with the data file whose digest changed', () => {
    const now = issue({ files: { 'prices.csv': '2222222222222222' } });
    now.figures.price = { ...now.figures.price!, rendered: '$130.00', value: 130 };
    const r = compareLock(lock({ a: issue() }), snap({ a: now }));
    expect(r.drift).toEqual([
      {
        slug: 'a',
        asOf: { old: '2026-01-08', now: '2026-01-08' },
        changes: [{ kind: 'figure', name: 'price', old: '$121.00', now: '$130.00', textChanged: true }],
        files: [{ file: 'prices.csv', old: '1111111111111111', now: '2222222222222222' }],
      },
    ]);
    expect(formatDrift(r.drift)).toContain('    price  $121.00 → $130.00\n    data/prices.csv changed since the lock (1111111111111111 → 2222222222222222).');
  });

  it('shows the raw value when the rendered text did not change', () => {
    const now = issue();
    now.figures.share = { ...now.figures.share!, value: 0.401 };
    const [d] = compareLock(lock({ a: issue() }), snap({ a: now })).drift;
    expect(d!.changes).toEqual([{ kind: 'figure', name: 'share', old: '40% (value 0.4)', now: '40% (value 0.401)', textChanged: false }]);
    expect(d!.files).toEqual([]);
  });

  it('a removed figure or chart is a change; a new one is added to the lock', () => {
    const now = issue({ charts: { 'other.vl.json': { data: 'bbbbbbbbbbbbbbbb', sources: ['prices.csv'] } } });
    delete now.figures.share;
    now.figures.fresh = { rendered: '7', value: 7, sources: [{ file: 'prices.csv', columns: [] }] };
    const r = compareLock(lock({ a: issue() }), snap({ a: now }));
    expect(r.drift[0]!.changes.map((c) => `${c.kind} ${c.name}: ${c.now}`)).toEqual(['figure share: (no longer computed)', 'chart price.vl.json: (no longer in the issue)']);
    expect(r.added).toEqual(['a: figure fresh', 'a: chart other.vl.json']);
    expect(Object.keys(r.merged.issues.a!.figures).sort()).toEqual(['fresh', 'price', 'share']);
    expect(r.merged.issues.a!.figures.share!.rendered).toBe('40%');
  });

  it('adds new issues, and names locked issues that are gone but not broken ones', () => {
    const r = compareLock(lock({ gone: issue(), broken: issue() }), snap({ fresh: issue() }, { broken: { code: 'X', message: 'm', hint: '' } }));
    expect(r.added).toEqual(['fresh (new issue)']);
    expect(r.gone).toEqual(['gone']);
    expect(Object.keys(r.merged.issues).sort()).toEqual(['broken', 'fresh', 'gone']);
  });
});

describe('the drift message', () => {
  it('lists the changed rows of each file, says how to see them when the locked bytes are gone, and names issues that could not be computed', () => {
    const base = { slug: 'a', asOf: { old: '2026-01-08', now: '2026-01-08' }, changes: [{ kind: 'figure' as const, name: 'price', old: '$121.00', now: '$130.00' }] };
    const text = formatDrift(
      [
        { ...base, files: [{ file: 'prices.csv', old: '1111111111111111', now: '2222222222222222', rows: { rows: ['2026-01-08 (line 6): price 121 → 130'], more: 2, later: 1 } }] },
        { ...base, slug: 'b', files: [{ file: 'prices.csv', old: '3333333333333333', now: '2222222222222222', rows: { unavailable: "the locked version is not kept in .tally-cache/lock-data/ nor in git's HEAD" } }] },
      ],
      { c: { code: 'BadCell', message: 'data/x.csv:3:2: Column "v" is declared number, but the cell holds "n/a".', hint: 'Numbers use a dot.' } },
    );
    expect(text).toContain('The data would change 2 published issues recorded in tally.lock.json:');
    expect(text).toContain(
      '    data/prices.csv changed since the lock:\n      2026-01-08 (line 6): price 121 → 130\n      … and 2 more changed rows: see `git diff data/prices.csv`.\n      (1 changed row dated after the as-of date, which the issue does not read.)',
    );
    expect(text).toContain("    data/prices.csv changed since the lock (3333333333333333 → 2222222222222222); the locked version is not kept in .tally-cache/lock-data/ nor in git's HEAD: see `git diff data/prices.csv`.");
    expect(text).toContain('1 more published issue could not be computed, so it was not compared with the lock:\n\n  c: data/x.csv:3:2: Column "v" is declared number, but the cell holds "n/a".\n    Hint: Numbers use a dot.');
  });
});

describe('the hint of a failed lock check', () => {
  const base = { slug: 'a', asOf: { old: '2026-01-08', now: '2026-01-08' }, changes: [{ kind: 'figure' as const, name: 'price', old: '$121.00', now: '$121' }] };
  const rows = (listed: string[], later = 0) => ({ rows: listed, more: 0, later });

  it('tells to restore the data rows when a data file changed up to the as-of date', () => {
    const drift = [{ ...base, files: [{ file: 'prices.csv', old: '1111111111111111', now: '2222222222222222', rows: rows(['2026-01-08 (line 6): price 121 → 130']) }] }];
    expect(dataChanged(drift)).toBe(true);
    expect(dataChanged([{ ...base, files: [{ file: 'new.csv', old: undefined, now: '2222222222222222' }] }])).toBe(true);
    expect(catalogue.LockChanged.hint(formatDrift(drift), dataChanged(drift))).toBe(
      'A published issue never changes silently. If the data correction is intended, run `npm run accept` with a reason readers will see (`npm run accept -- --reason "…"`) to rewrite tally.lock.json and commit it; otherwise restore the rows listed above (`git diff data/` shows them too).',
    );
  });

  it('names the figures module, a spec or the front matter, and the accept command, when no data row changed', () => {
    for (const drift of [[{ ...base, files: [] }], [{ ...base, files: [{ file: 'prices.csv', old: '1111111111111111', now: '2222222222222222', rows: rows([], 2) }] }]]) {
      expect(dataChanged(drift)).toBe(false);
      expect(catalogue.LockChanged.hint(formatDrift(drift), dataChanged(drift))).toBe(
        "A published issue never changes silently. No data file changed, so the issue's figures module (figures.ts), a chart spec or its front matter did (`git diff content/` shows it). If the change is intended, run `npm run accept` with a reason readers will see (`npm run accept -- --reason \"…\"`) to rewrite tally.lock.json and commit it; otherwise undo it.",
      );
    }
  });
});

describe('the lock file format', () => {
  it('sorts keys at every level and keeps one figure on one line', () => {
    const text = prettyJson({ version: 1, issues: { b: issue(), a: issue() } });
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'));
    expect(text).toContain('        "price": {"rendered": "$121.00", "sources": [{"columns": ["price"], "file": "prices.csv"}], "value": 121},\n');
    expect(JSON.parse(text)).toEqual(sortKeys({ version: 1, issues: { a: issue(), b: issue() } }));
    expect(text.endsWith('}\n')).toBe(true);
  });
});
