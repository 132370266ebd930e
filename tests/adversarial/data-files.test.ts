import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataFile, maxDataBytes } from '../../src/data/load-table.ts';
import { readManifest } from '../../src/data/manifest.ts';
import { parseJson, parseYaml, recordsToTable } from '../../src/data/parse-structured.ts';
import { resolveDataPath } from '../../src/data/resolve-data-path.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';
import { caught } from './errors.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_MAX_DATA_MB;
});

const spec = { file: 'spec.vl.json', line: 5 };

describe('YAML 1.1 traps and JSON syntax in data files', () => {
  it('YAML is read as 1.2: no, on, yes stay words, 010 is ten, an unquoted date stays a string', () => {
    const doc = parseYaml('a: no\nb: on\nc: yes\nd: 010\ne: 2026-01-02\nf: 0o10\ng: ~\n', { file: 'x.yaml', loc: 'data/x.yaml' });
    expect(doc).toEqual({ a: 'no', b: 'on', c: 'yes', d: 10, e: '2026-01-02', f: 8, g: null });
  });

  it('a YAML "no" in a boolean column fails at its line, quoted once', () => {
    const text = '- d: 2026-01-02\n  flag: true\n- d: 2026-01-05\n  flag: no\n';
    const e = caught(() => recordsToTable(parseYaml(text, { file: 'x.yaml', loc: 'data/x.yaml' }), { file: 'x.yaml', loc: 'data/x.yaml', columns: { d: 'date', flag: 'boolean' }, dateColumn: 'd', text }));
    expect(e.message).toBe('data/x.yaml:4: Column "flag" is declared boolean, but the cell holds "no".');
    expect(e.hint).toBe('Booleans are true or false.');
  });

  it('YAML records keep their source lines (for later errors on a missing value)', () => {
    const text = '# prices\n- d: 2026-01-02\n  v: 1\n\n- d: 2026-01-05\n  v: ~\n';
    const t = recordsToTable(parseYaml(text, { file: 'x.yaml', loc: 'data/x.yaml' }), { file: 'x.yaml', loc: 'data/x.yaml', columns: { d: 'date', v: 'number' }, dateColumn: 'd', text });
    expect(t.lines).toEqual([2, 5]);
    expect(t.rows[1]!.v).toBeNull();
  });

  it('a duplicate YAML key fails at its line', () => {
    const e = caught(() => parseYaml('a: 1\nb: 2\na: 3\n', { file: 'x.yaml', loc: 'data/x.yaml' }));
    expect(e.loc).toEqual({ file: 'data/x.yaml', line: 3, column: 1 });
    expect(e.message).toMatch(/x\.yaml is not valid YAML: Map keys must be unique/);
  });

  it('JSON with a trailing comma fails at the line and column after it, with the fix', () => {
    const e = caught(() => parseJson('{\n  "threshold": 105,\n}\n', { file: 's.json', loc: 'data/s.json' }));
    expect(e.loc).toEqual({ file: 'data/s.json', line: 3, column: 1 });
    expect(e.message).toBe('data/s.json:3:1: s.json is not valid JSON: a trailing comma before "}".');
    expect(e.hint).toContain('JSON allows no trailing commas or comments');
    const arr = caught(() => parseJson('[1,\n 2,\n]', { file: 'a.json', loc: 'data/a.json' }));
    expect(arr.message).toBe('data/a.json:3:1: a.json is not valid JSON: a trailing comma before "]".');
  });

  it.each([
    ["{'a': 1}", 1, 2, 'single quotes: JSON strings need double quotes'],
    ['{"a": 1} // note', 1, 10, 'a comment: JSON has none'],
    ['{"a": NaN}', 1, 7, 'unexpected word "NaN" (strings need double quotes; literals are true, false and null)'],
    ['{"a": "two\nlines"}', 1, 11, 'a line break or control character inside a string'],
    ['{"a": 1}\n{"b": 2}', 2, 1, 'unexpected "{"'],
  ])('JSON %j fails at %i:%i: %s', (text, line, column, reason) => {
    const e = caught(() => parseJson(text.replace(/\\n/g, '\n'), { file: 'j.json', loc: 'data/j.json' }));
    expect(e.message).toBe(`data/j.json:${line}:${column}: j.json is not valid JSON: ${reason}.`);
  });

  it('a BOM before JSON does not shift the reported column (an editor does not show it)', () => {
    const e = caught(() => parseJson('\ufeff{"a": tru}', { file: 's.json', loc: 'data/s.json' }));
    expect(e.loc).toEqual({ file: 'data/s.json', line: 1, column: 7 });
  });

  it('an empty JSON file fails at line 1', () => {
    expect(caught(() => parseJson('', { file: 'e.json', loc: 'data/e.json' })).message).toBe('data/e.json:1:1: e.json is not valid JSON: the text ends too early.');
  });

  it('a JSON record with a wrong type fails at the line of its key', () => {
    const text = '[\n  {"d": "2026-01-02", "v": 1},\n  {\n    "d": "2026-01-05",\n    "v": "1,234"\n  }\n]\n';
    const e = caught(() => recordsToTable(JSON.parse(text), { file: 'r.json', loc: 'data/r.json', columns: { d: 'date', v: 'number' }, dateColumn: 'd', text }));
    expect(e.message).toBe('data/r.json:5: Column "v" is declared number, but the cell holds "1,234".');
  });

  it('a declared column that no JSON record has names the first record and suggests the key there is; a key one record omits is a missing value', () => {
    const text = '[{"d": "2026-01-02", "prcie": 1},\n {"d": "2026-01-05", "prcie": 2}]';
    const e = caught(() => recordsToTable(JSON.parse(text), { file: 'r.json', loc: 'data/r.json', columns: { d: 'date', price: 'number' }, dateColumn: 'd', text }));
    expect(e.message).toBe('data/r.json:1: No column "price" in r.json. Did you mean "prcie"?');
    const omitted = '[{"d": "2026-01-02", "price": 1},\n {"d": "2026-01-05"}]';
    expect(recordsToTable(JSON.parse(omitted), { file: 'r.json', loc: 'data/r.json', columns: { d: 'date', price: 'number' }, dateColumn: 'd', text: omitted }).rows).toEqual([
      { d: '2026-01-02', price: 1 },
      { d: '2026-01-05', price: null },
    ]);
  });
});

describe('the data URL sandbox', () => {
  it.each([
    ['../secret.csv'],
    ['sub/../../secret.csv'],
    ['/etc/passwd'],
    ['\\\\server\\share\\x.csv'],
    ['C:\\data\\x.csv'],
    ['file:///etc/passwd'],
    ['http://example.com/x.csv'],
    ['https://example.com/x.csv'],
    ['//example.com/x.csv'],
    ['data:text/csv,a%0A1'],
    ['prices.csv\0.png'],
  ])('refuses %j with the spec location and the fix', (url) => {
    tempProject({ 'data/prices.csv': 'a\n1\n', 'secret.csv': 'a\n1\n' });
    const e = caught(() => resolveDataPath(url, spec));
    expect(e.message).toBe(`spec.vl.json:5: The data URL "${url}" does not resolve inside data/ or the issue's own data/ folder.`);
    expect(e.hint).toMatch(/write a path relative to that folder/);
  });

  it('refuses a symbolic link that leads out of data/, file or folder', () => {
    const root = tempProject({ 'data/prices.csv': 'a\n1\n', 'outside/secret.csv': 'a\n1\n' });
    fs.symlinkSync(path.join(root, 'outside', 'secret.csv'), path.join(root, 'data', 'link.csv'));
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'data', 'dir'));
    expect(caught(() => resolveDataPath('link.csv', spec)).code).toBe('DataUrlOutsideData');
    expect(caught(() => resolveDataPath('dir/secret.csv', spec)).code).toBe('DataUrlOutsideData');
  });

  it('accepts a link that stays inside data/, and a plain nested path', () => {
    const root = tempProject({ 'data/sub/prices.csv': 'a\n1\n' });
    fs.symlinkSync(path.join(root, 'data', 'sub', 'prices.csv'), path.join(root, 'data', 'alias.csv'));
    expect(resolveDataPath('alias.csv', spec).file).toBe('alias.csv');
    expect(resolveDataPath('sub/prices.csv', spec).file).toBe('sub/prices.csv');
  });

  it('a folder or a misspelt file is an unknown data file, with suggestions', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('sub/prices.csv', { a: 'number' }), 'data/sub/prices.csv': 'a\n1\n' });
    expect(caught(() => loadDataFile('sub', spec)).message).toBe('spec.vl.json:5: No data file "sub" in data/. Did you mean "sub/prices.csv"?');
    expect(caught(() => loadDataFile('sub/price.csv', spec)).message).toBe('spec.vl.json:5: No data file "sub/price.csv" in data/. Did you mean "sub/prices.csv"?');
  });
});

describe('large data files', () => {
  it('refuses a 50 MB CSV before reading it whole, naming the size, the limit and the fix (t.sql)', () => {
    process.env.TALLY_MAX_DATA_MB = '25';
    const root = tempProject({ 'data/manifest.yaml': manifestEntry('big.csv', { d: 'date', v: 'number' }) });
    const row = '2026-01-02,123.456\n';
    const fd = fs.openSync(path.join(root, 'data', 'big.csv'), 'w');
    fs.writeSync(fd, 'd,v\n');
    const chunk = row.repeat(Math.ceil((1024 * 1024) / row.length));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const heapBefore = process.memoryUsage().heapUsed;
    const e = caught(() => loadDataFile('big.csv', spec));
    expect(e.code).toBe('DataFileTooLarge');
    // Located where the file is named (the spec's "url" line), which is what the author changes.
    expect(e.message).toBe('spec.vl.json:5: data/big.csv is 50.0 MB; t.data, t.doc and a chart\'s "url" read a file whole into memory, up to 25.0 MB.');
    expect(e.hint).toMatch(/t\.sql over \$\{t\.table\("file"\)\} reads a CSV, TSV or Parquet file of any size[\s\S]*TALLY_MAX_DATA_MB/);
    // Refused from its size alone: the 50 MB were never read into the heap.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a chart\'s "url" or t.data to a Parquet file at the line that names it, pointing to t.sql', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('closes.parquet', { d: 'date', v: 'number' }), 'data/closes.parquet': 'PAR1 not read' });
    const e = caught(() => loadDataFile('closes.parquet', spec));
    expect(e.code).toBe('BadDataFile');
    expect(e.message).toBe('spec.vl.json:5: closes.parquet is a Parquet file, which only DuckDB reads: t.data, t.doc and a chart\'s "url" cannot.');
    expect(e.hint).toMatch(/t\.sql over \$\{t\.table\("closes\.parquet"\)\}/);
  });

  it('honours TALLY_MAX_DATA_MB, both ways', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('m.csv', { d: 'date', v: 'number' }), 'data/m.csv': `d,v\n${'2026-01-02,1\n'.repeat(120_000)}` });
    process.env.TALLY_MAX_DATA_MB = '1';
    expect(maxDataBytes()).toBe(1024 * 1024);
    expect(caught(() => loadDataFile('m.csv', spec)).message).toMatch(/is 1\.5 MB; t\.data, t\.doc and a chart's "url" read a file whole into memory, up to 1\.0 MB/);
    process.env.TALLY_MAX_DATA_MB = '2';
    expect(loadDataFile('m.csv', spec).table!.rows).toHaveLength(120_000);
  });
});

describe('the manifest', () => {
  it('YAML 1.1 "no" for illustrative fails with the field and line', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }).replace('illustrative: false', 'illustrative: no'), 'data/a.csv': 'd\n' });
    const e = caught(() => readManifest());
    expect(e.where).toEqual({ file: 'data/manifest.yaml', line: 7 });
    expect(e.message).toMatch(/field "illustrative"/);
  });

  it('an unquoted retrieved date is a calendar date in every time zone', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'date' }), 'data/a.csv': 'd\n' });
    expect(readManifest().get('a.csv')!.retrieved).toBe('2026-01-01');
  });

  it('an unknown column type names the entry and line', () => {
    tempProject({ 'data/manifest.yaml': manifestEntry('a.csv', { d: 'datetime' }), 'data/a.csv': 'd\n' });
    const e = caught(() => readManifest());
    expect(e.message).toMatch(/The entry for "a\.csv" in data\/manifest\.yaml: field "columns\.d"/);
    expect(e.where?.line).toBe(9);
  });
});

it('tempProject leaves nothing behind that another test could read', () => {
  expect(os.tmpdir()).toBeTruthy();
});
