import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { checkDataFiles } from '../../src/data/check-data-files.ts';
import { dataFileAbs, dataFilePath, issueOfFile, manifestPathOf } from '../../src/data/data-roots.ts';
import { loadDataFile } from '../../src/data/load-table.ts';
import { allManifestEntries, manifestEntry as entryOf } from '../../src/data/manifest.ts';
import { resolveDataPath } from '../../src/data/resolve-data-path.ts';
import { closeSql } from '../../src/data/sql/instance.ts';
import { runSql } from '../../src/data/sql/run-sql.ts';
import { tableRef } from '../../src/data/sql/views.ts';
import { makeContext } from '../../src/figures/compute-figures.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

const OWN = 'content/issues/own/data';
const own = { file: 'content/issues/own/figures.ts', line: 4, column: 7 };
const other = { file: 'content/issues/other/figures.ts', line: 4, column: 7 };
const asOf = '2026-01-31' as CalendarDate;

/** A project whose shared data/ and whose issue "own" both hold a prices.csv, with different numbers. */
function project(extra: Record<string, string> = {}): string {
  return tempProject({
    'data/manifest.yaml': manifestEntry('prices.csv', { date: 'date', close: 'number' }) + manifestEntry('notes.json'),
    'data/prices.csv': 'date,close\r\n2026-01-02,10\r\n2026-01-05,11\r\n',
    'data/notes.json': '{"shared": true}',
    [`${OWN}/manifest.yaml`]: manifestEntry('prices.csv', { date: 'date', close: 'number' }) + manifestEntry('deep/levels.csv', { day: 'date', level: 'integer' }),
    [`${OWN}/prices.csv`]: 'date,close\r\n2026-01-02,500\r\n2026-01-06,510\r\n2026-02-10,999\r\n',
    [`${OWN}/deep/levels.csv`]: 'day,level\r\n2026-01-03,7\r\n',
    'content/issues/own/index.mdx': '',
    'content/issues/other/index.mdx': '',
    ...extra,
  });
}

afterEach(() => {
  delete process.env.TALLY_ROOT;
});
afterAll(() => closeSql());

describe("an issue's own data folder", () => {
  it('names files by id: the shared ones as before, an issue\'s own by their path from the project root', () => {
    const root = project();
    expect(dataFileAbs('prices.csv')).toBe(path.join(root, 'data/prices.csv'));
    expect(dataFileAbs(`${OWN}/prices.csv`)).toBe(path.join(root, OWN, 'prices.csv'));
    expect(dataFilePath('prices.csv')).toBe('data/prices.csv');
    expect(dataFilePath(`${OWN}/prices.csv`)).toBe(`${OWN}/prices.csv`);
    expect(manifestPathOf(`${OWN}/deep/levels.csv`)).toBe(`${OWN}/manifest.yaml`);
    expect(issueOfFile('content/issues/own/rates.vl.json')).toBe('own');
    expect(issueOfFile('data/prices.csv')).toBeUndefined();
  });

  it("resolves a name in the issue's own folder first, then in the shared data/", () => {
    project();
    expect(resolveDataPath('prices.csv', own).file).toBe(`${OWN}/prices.csv`);
    expect(resolveDataPath('deep/levels.csv', own).file).toBe(`${OWN}/deep/levels.csv`);
    expect(resolveDataPath('notes.json', own).file).toBe('notes.json');
    // Another issue, and a reference from outside any issue, read the shared file.
    expect(resolveDataPath('prices.csv', other).file).toBe('prices.csv');
    expect(resolveDataPath('prices.csv', undefined).file).toBe('prices.csv');
    // A spec names its own folder through `from`.
    expect(resolveDataPath('prices.csv', undefined, 'content/issues/own/chart.vl.json').file).toBe(`${OWN}/prices.csv`);
  });

  it('refuses paths that leave the folders, and links out of them', () => {
    const root = project({ 'content/issues/other/data/manifest.yaml': manifestEntry('x.csv', { a: 'string' }), 'content/issues/other/data/x.csv': 'a\r\nsecret\r\n' });
    for (const url of ['../figures.ts', '../../other/data/x.csv', '/etc/passwd', 'https://example.com/a.csv', '../index.mdx']) {
      expect(() => resolveDataPath(url, own), url).toThrow(/does not resolve inside data\/ or the issue's own data\/ folder/);
    }
    fs.symlinkSync(path.join(root, 'content/issues/other/data/x.csv'), path.join(root, OWN, 'linked.csv'));
    expect(() => resolveDataPath('linked.csv', own)).toThrow(/does not resolve inside/);
  });

  it('loads, types and cuts an own file at the as-of, as it does a shared one', () => {
    project();
    const t = makeContext(asOf, own);
    const { value, sources } = trackReads(() => t.data('prices.csv').rows().map((r) => r.close));
    expect(value).toEqual([500, 510]);
    expect(sources).toEqual([{ file: `${OWN}/prices.csv`, columns: ['close'], latest: false }]);
    expect(t.data('prices.csv', { latest: true }).rows()).toHaveLength(3);
    // The other issue still reads the shared file.
    expect(makeContext(asOf, other).data('prices.csv').rows().map((r) => r.close)).toEqual([10, 11]);
    expect((makeContext(asOf, own).doc('notes.json') as { shared: boolean }).shared).toBe(true);
  });

  it('queries an own file with t.sql, recorded under its id', async () => {
    project();
    const at = { ...own, line: 9 };
    const { rows, reads } = await runSql(['select sum(close) as total from ', ''] as unknown as TemplateStringsArray, [tableRef('prices.csv', false, at)], asOf, at);
    expect(rows).toEqual([{ total: 1010 }]);
    expect(reads.map((r) => [r.file, r.columns])).toEqual([[`${OWN}/prices.csv`, ['close']]]);
  });

  it("reads each folder's manifest: entries by id, and every own file needs an entry there", () => {
    project();
    expect(entryOf(`${OWN}/prices.csv`)).toMatchObject({ file: `${OWN}/prices.csv`, title: 'prices.csv title' });
    expect(entryOf('prices.csv')).toMatchObject({ file: 'prices.csv' });
    expect([...allManifestEntries().keys()]).toEqual(['prices.csv', 'notes.json', `${OWN}/prices.csv`, `${OWN}/deep/levels.csv`]);

    project({ [`${OWN}/extra.csv`]: 'a\r\n1\r\n' });
    expect(() => loadDataFile('prices.csv', own)).toThrow(`${OWN}/extra.csv has no entry in ${OWN}/manifest.yaml`);
    // The message carries the entry to paste, columns and all.
    expect(() => loadDataFile('prices.csv', own)).toThrow(/npm run data:add -- content\/issues\/own\/data\/extra\.csv --write[\s\S]*extra\.csv:[\s\S]*columns:\s+a: integer/);

    project();
    fs.rmSync(path.join(process.env.TALLY_ROOT!, OWN, 'manifest.yaml'));
    expect(() => loadDataFile('prices.csv', own)).toThrow(`${OWN}/manifest.yaml is missing`);
  });

  it('checks every own file on every build, read or not, with its place', async () => {
    project({ [`${OWN}/deep/levels.csv`]: 'day,level\r\n2026-01-03,7\r\n2026-01-04,seven\r\n' });
    try {
      await checkDataFiles();
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; where: { file: string; line: number; column: number } };
      expect(err.where).toMatchObject({ file: `${OWN}/deep/levels.csv`, line: 3, column: 2 });
      expect(err.message).toContain('level');
    }
  });

  it('names the folders it looked in, with the own files first in the suggestions', () => {
    project();
    expect(() => loadDataFile('price.csv', own)).toThrow(/No data file "price.csv" in content\/issues\/own\/data\/ or data\/\. Did you mean "prices.csv"/);
  });

  it('refuses a shared entry named like an issue\'s own file', () => {
    project({
      'data/manifest.yaml': manifestEntry('content/issues/own/data/x.csv', { a: 'string' }),
      'data/content/issues/own/data/x.csv': 'a\r\n1\r\n',
    });
    expect(() => entryOf('prices.csv')).toThrow(/names a path under content\/issues\//);
  });
});
