import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cutAsOf } from '../../src/data/cut-as-of.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { loadDataFile } from '../../src/data/load-table.ts';
import { readManifest } from '../../src/data/manifest.ts';
import { editProjectFile, manifestEntry, tempProject } from '../helpers/data-dir.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

describe('the data manifest', () => {
  it('reads every entry with its provenance', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }), 'data/a.csv': 'd\n2026-01-01\n' });
    const m = readManifest();
    expect(m.get('a.csv')).toMatchObject({ title: 'a.csv title', licence: 'CC0-1.0', retrieved: '2026-01-01', illustrative: false });
  });

  it('reads an empty manifest (a new site without data) as declaring nothing, and still wants an entry per file', () => {
    for (const text of ['', '# no data yet\n']) {
      tempProject({ 'data/manifest.yaml': text });
      expect(readManifest().size).toBe(0);
    }
    tempProject({ 'data/manifest.yaml': '', 'data/a.csv': 'd\n' });
    expect(() => readManifest()).toThrow(/data\/a.csv has no entry/);
  });

  it('fails for a data file without an entry', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }), 'data/a.csv': 'd\n', 'data/b.json': '[]' });
    expect(() => readManifest()).toThrow(/data\/b.json has no entry in data\/manifest.yaml/);
  });

  it('fails for an entry without a file, and a CSV without column types', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('gone.csv', { d: 'date' }) });
    expect(() => readManifest()).toThrow(/data\/gone.csv does not exist/);
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv'), 'data/a.csv': 'd\n' });
    expect(() => readManifest()).toThrow(/needs "columns"/);
  });

  it('names the field and line of an invalid entry', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }).replace('illustrative: false', 'illustrative: no'), 'data/a.csv': 'd\n' });
    try {
      readManifest();
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; where: { line: number } };
      expect(err.message).toMatch(/field "illustrative"/);
      expect(err.where.line).toBe(7);
    }
  });

  it('says what to write in a field left blank or of the wrong kind, not the validator\'s words', () => {
    const cases: [string, string, RegExp][] = [
      ['title: a.csv title', 'title: ""', /field "title" is empty: write the dataset's name as readers see it/],
      ['source: Test', 'source:', /field "source" must be text: who publishes the data/],
      ['url: https://example.com/a.csv', 'url: example.com', /field "url" must be a full address of the source, written https:\/\//],
      ['illustrative: false', 'illustrative:', /field "illustrative" must be true \(constructed or example data, marked as such to readers\) or false \(real data\)/],
      ['retrieved: 2026-01-01', 'retrieved: 2026-13-01', /field "retrieved" must be a calendar date written YYYY-MM-DD/],
    ];
    for (const [from, to, message] of cases) {
      tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }).replace(from, to), 'data/a.csv': 'd\n' });
      expect(() => readManifest(), to).toThrow(message);
      expect(() => readManifest(), to).not.toThrow(/Too small|expected|Invalid/);
    }
  });
});

describe('loading data files', () => {
  it('loads CSV sorted by date, JSON and YAML, with a content digest', () => {
    tempProject({
      'data/manifest.yaml': [manifestEntry('a.csv', { d: 'date', v: 'number' }), manifestEntry('b.json'), manifestEntry('c.yaml', { k: 'string', on: 'string' })].join('\n'),
      'data/a.csv': 'd,v\n2026-01-03,3\n2026-01-01,1\n',
      'data/b.json': '{"x": 1}',
      'data/c.yaml': '- k: no\n  on: "on"\n',
    });
    const a = loadDataFile('a.csv', undefined);
    expect(a.table!.rows.map((r) => r.d)).toEqual(['2026-01-01', '2026-01-03']);
    expect(a.table!.lines).toEqual([3, 2]);
    expect(a.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(loadDataFile('b.json', undefined).document).toEqual({ x: 1 });
    // YAML 1.2: `no` stays a string.
    expect(loadDataFile('c.yaml', undefined).table!.rows).toEqual([{ k: 'no', on: 'on' }]);
  });

  it('reads a file again when only its manifest entry changed, or when it was rewritten with the same size and modification time', () => {
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { v: 'string' }), 'data/a.csv': 'v\n1\n' });
    expect(loadDataFile('a.csv', undefined).table!.rows).toEqual([{ v: '1' }]);
    const data = path.join(root, 'data/a.csv');
    const { atime, mtime } = fs.statSync(data);
    editProjectFile(root, 'data/manifest.yaml', manifestEntry('a.csv', { v: 'number' }));
    expect(loadDataFile('a.csv', undefined).table!.rows).toEqual([{ v: 1 }]);
    fs.writeFileSync(data, 'v\n2\n');
    fs.utimesSync(data, atime, mtime);
    expect(loadDataFile('a.csv', undefined).table!.rows).toEqual([{ v: 2 }]);
  });

  it('re-reads a file after it changes', () => {
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { v: 'number' }), 'data/a.csv': 'v\n1\n' });
    expect(loadDataFile('a.csv', undefined).table!.rows).toEqual([{ v: 1 }]);
    const file = path.join(root, 'data/a.csv');
    fs.writeFileSync(file, 'v\n22\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadDataFile('a.csv', undefined).table!.rows).toEqual([{ v: 22 }]);
  });

  it('refuses URLs outside data/ and suggests a close file name', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('prices.csv', { v: 'number' }), 'data/prices.csv': 'v\n1\n', 'secret.csv': 'v\n1\n' });
    for (const url of ['../secret.csv', '/etc/passwd', 'https://example.com/x.csv', 'file:///etc/passwd', 'sub/../../secret.csv']) {
      expect(() => loadDataFile(url, { file: 'x.vl.json' }), url).toThrow(/does not resolve inside data\//);
    }
    expect(() => loadDataFile('price.csv', undefined)).toThrow(/Did you mean "prices.csv"\?/);
  });

  it('refuses a symbolic link that leads out of data/', () => {
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('link.csv', { v: 'number' }), 'outside.csv': 'v\n1\n' });
    fs.symlinkSync(path.join(root, 'outside.csv'), path.join(root, 'data/link.csv'));
    expect(() => loadDataFile('link.csv', undefined)).toThrow(/does not resolve inside data\//);
  });
});

describe('the as-of cut', () => {
  it('keeps rows on or before asOf, inclusive', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date', v: 'number' }), 'data/a.csv': 'd,v\n2026-01-01,1\n2026-01-02,2\n2026-01-03,3\n' });
    const t = loadDataFile('a.csv', undefined).table!;
    expect(cutAsOf(t, '2026-01-02' as CalendarDate).rows.map((r) => r.v)).toEqual([1, 2]);
    expect(cutAsOf(t, '2025-12-31' as CalendarDate).rows).toEqual([]);
    expect(cutAsOf(t, '2026-02-01' as CalendarDate)).toBe(t);
  });
});
