import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntry, locateDataFile } from '../../src/data/add-manifest-entry.ts';
import { issueDataRoot, sharedRoot } from '../../src/data/data-roots.ts';
import { loadDataFile } from '../../src/data/load-table.ts';
import { readManifest } from '../../src/data/manifest.ts';
import { d3Format, sniffedEntry, structFields } from '../../src/data/sniff-data-file.ts';
import { suggestEntry } from '../../src/data/suggest-entry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/data-add.ts');
const TODAY = '2026-01-15';

/** The provenance lines every printed entry starts with, under its key. */
const PROVENANCE = [
  '  title: ""          # fill in: what the file holds, as readers will see it',
  '  source: ""         # fill in: who publishes or made the data',
  '  url: ""            # fill in: where it comes from (https://…)',
  '  licence: ""        # fill in: e.g. CC0-1.0, CC-BY-4.0, Public domain',
  `  retrieved: ${TODAY}`,
  '  illustrative:      # fill in: true if the numbers are constructed, false if observed',
];
const entry = (key: string, ...rest: string[]) => [`${key}:`, ...PROVENANCE, ...rest].join('\n');

const STOCKS = 'symbol,date,price\nMSFT,Jan 1 2000,39.81\nMSFT,Feb 1 2000,36.35\nAAPL,Dec 1 2009,210.73\n';

let roots: string[] = [];
afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_TODAY;
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

function project(files: Record<string, string> = {}): string {
  const root = tempDir('tally-data-add-');
  roots.push(root);
  fs.mkdirSync(path.join(root, 'data'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** A small Parquet file written by DuckDB: a date, text, a number, an integer, a boolean and an instant per row. */
async function writeParquet(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(
      `COPY (SELECT * FROM (VALUES (DATE '2026-01-02', 'AAPL', 243.85::DOUBLE, 12::INTEGER, true, TIMESTAMPTZ '2026-01-02 21:00:00+00'), (DATE '2026-01-05', 'MSFT', 418.58::DOUBLE, 7::INTEGER, false, TIMESTAMPTZ '2026-01-05 21:00:00+00')) AS t(day, symbol, close, volume, member, stamped)) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** `npm run data:add -- <args>` in a project folder. */
async function dataAdd(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TALLY_TODAY: TODAY, NO_COLOR: '1' };
  delete env.TALLY_ROOT;
  try {
    const r = await run(process.execPath, [SCRIPT, ...args], { cwd: root, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run data:add', () => {
  it('prints the entry of a CSV with "Jan 1 2000" dates, appends it to a CRLF manifest keeping CRLF, and refuses a second time', async () => {
    const manifest = '# Shared data\r\n\r\nold.csv:\r\n  title: Old\r\n';
    const root = project({ 'data/stocks.csv': STOCKS, 'data/manifest.yaml': manifest });
    const printed = await dataAdd(root, 'data/stocks.csv');
    const expected = entry('stocks.csv', '  columns:', '    symbol: string', '    date: { type: date, format: "%b %d %Y" }', '    price: number');
    expect(printed).toMatchObject({ code: 0, stdout: `${expected}\n` });
    expect(printed.stderr).toContain('Paste this into data/manifest.yaml');
    expect(fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8')).toBe(manifest);

    const written = await dataAdd(root, 'data/stocks.csv', '--write');
    expect(written.code).toBe(0);
    const after = fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8');
    expect(after).toBe(`${manifest}\r\n${expected.split('\n').join('\r\n')}\r\n`);
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');

    const again = await dataAdd(root, 'data/stocks.csv', '--write');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('data/manifest.yaml:6: data/manifest.yaml already has an entry for "stocks.csv"; nothing was written.');
    expect(fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8')).toBe(after);
  });

  it('writes the delimiter of a semicolon CSV, and none for a TSV', async () => {
    const root = project({
      'data/rates.csv': 'day;rate;meetings;cut\n2026-01-02;3.75;8;true\n2026-01-09;3.5;8;false\n',
      'data/claims.tsv': 'week\tclaims\tchange\n2026-01-03\t211000\t-0.4\n2026-01-10\t205000\t-2.8\n',
    });
    const semicolon = await dataAdd(root, 'data/rates.csv');
    expect(semicolon.stdout).toBe(`${entry('rates.csv', '  delimiter: ";"', '  columns:', '    day: date', '    rate: number', '    meetings: integer', '    cut: boolean')}\n`);
    const tsv = await dataAdd(root, 'data/claims.tsv');
    expect(tsv.stdout).toBe(`${entry('claims.tsv', '  columns:', '    week: date', '    claims: integer', '    change: number')}\n`);
  });

  it('writes ISO timestamps as dates with their format and UTC, and a time without an offset without a zone', async () => {
    const root = project({
      'data/trades.csv': 'at,local,fill,qty\n2026-01-02T14:30:00Z,2001/01/01 06:55,2026-01-02T09:30:00.125-05:00,10\n2026-01-02T21:00:00Z,2001/01/02 07:05,2026-01-02T16:00:00.500-05:00,12\n',
    });
    const r = await dataAdd(root, 'data/trades.csv');
    expect(r.stdout).toBe(
      `${entry(
        'trades.csv',
        '  columns:',
        '    at: { type: date, format: "%Y-%m-%dT%H:%M:%S%Z", timezone: "UTC" }',
        '    local: { type: date, format: "%Y/%m/%d %H:%M" }',
        '    fill: { type: date, format: "%Y-%m-%dT%H:%M:%S.%L%Z", timezone: "UTC" }',
        '    qty: integer',
      )}\n`,
    );
  });

  it('reads NDJSON (records may omit a key), and a .json file of one record per line as NDJSON', async () => {
    const lines = '{"date":"Jan 3 2026","symbol":"SPY","close":589.5}\n{"date":"Jan 10 2026","symbol":"SPY"}\n{"date":"Jan 17 2026","symbol":"QQQ","close":512.25}\n';
    const root = project({ 'data/closes.ndjson': lines, 'data/closes.json': lines });
    const columns = ['  columns:', '    date: { type: date, format: "%b %d %Y" }', '    symbol: string', '    close: number'];
    expect((await dataAdd(root, 'data/closes.ndjson')).stdout).toBe(`${entry('closes.ndjson', ...columns)}\n`);
    expect((await dataAdd(root, 'data/closes.json')).stdout).toBe(`${entry('closes.json', '  format: ndjson', ...columns)}\n`);
  });

  it('reads a Parquet file written by DuckDB', async () => {
    const root = project();
    await writeParquet(path.join(root, 'data', 'members.parquet'));
    const r = await dataAdd(root, 'data/members.parquet');
    expect(r.stdout).toBe(
      `${entry('members.parquet', '  columns:', '    day: date', '    symbol: string', '    close: number', '    volume: integer', '    member: boolean', '    stamped: { type: date, format: "%Y-%m-%dT%H:%M:%S%Z", timezone: "UTC" }')}\n`,
    );
  });

  it("appends an issue's own file to that issue's manifest, creating it", async () => {
    const root = project({ 'content/issues/rates-watch/data/prices.csv': STOCKS });
    const r = await dataAdd(root, 'content/issues/rates-watch/data/prices.csv', '--write');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Appended to content/issues/rates-watch/data/manifest.yaml');
    expect(fs.readFileSync(path.join(root, 'content/issues/rates-watch/data/manifest.yaml'), 'utf8')).toBe(`${r.stdout}`);
    expect(fs.existsSync(path.join(root, 'data', 'manifest.yaml'))).toBe(false);
  });

  it('names the data file a path that does not exist probably meant', async () => {
    const root = project({ 'data/prices.csv': 'a\n1\n', 'content/issues/x/data/rates.csv': 'a\n1\n' });
    const missing = async (arg: string) => {
      const r = await dataAdd(root, arg);
      expect(r.code, arg).toBe(1);
      return r.stderr;
    };
    expect(await missing('prices.csv')).toContain('prices.csv does not exist. Did you mean "data/prices.csv"?');
    expect(await missing('data/prices.cvs')).toContain('data/prices.cvs does not exist. Did you mean "data/prices.csv"?');
    expect(await missing('data/rates.csv')).toContain('data/rates.csv does not exist. Did you mean "content/issues/x/data/rates.csv"?');
    expect(await missing('data/unrelated-name.json')).toMatch(/data\/unrelated-name\.json does not exist\.\n/);
  });

  it('refuses a path outside the data folders, a link out of them, and the manifest itself, writing nothing', async () => {
    const outside = project({ 'secret.csv': 'a,b\n1,2\n' });
    const root = project({ 'notes.csv': 'a,b\n1,2\n', 'content/issues/x/notes.csv': 'a\n1\n', 'data/manifest.yaml': '' });
    fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(root, 'data', 'linked.csv'));
    for (const arg of ['notes.csv', 'content/issues/x/notes.csv', path.join(outside, 'secret.csv'), '../' + path.basename(outside) + '/secret.csv']) {
      const r = await dataAdd(root, arg, '--write');
      expect(r.code, arg).toBe(1);
      expect(r.stderr, arg).toContain("is outside the project's data folders");
      expect(r.stdout, arg).toBe('');
    }
    const linked = await dataAdd(root, 'data/linked.csv');
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain(`data/linked.csv is outside the project's data folders (it links to ${fs.realpathSync(path.join(outside, 'secret.csv'))})`);
    const self = await dataAdd(root, 'data/manifest.yaml');
    expect(self.stderr).toContain("data/manifest.yaml is the folder's manifest, not a data file.");
    expect(fs.readFileSync(path.join(root, 'data', 'manifest.yaml'), 'utf8')).toBe('');
  });

  it('reads the records of a JSON object through its property, nested fields by their path, and leaves lists out', async () => {
    const root = project({
      'data/quotes.json': JSON.stringify({ source: 'x', rows: [{ day: 'Jan 3 2026', stats: { close: 1.5, volume: 3 }, tags: ['a'] }, { day: 'Jan 4 2026', stats: { close: 2, volume: 4 } }] }),
    });
    expect((await dataAdd(root, 'data/quotes.json')).stdout).toBe(
      `${entry(
        'quotes.json',
        '  property: rows',
        '  columns:',
        '    day: { type: date, format: "%b %d %Y" }',
        '    close: { type: number, path: "stats.close" }',
        '    volume: { type: integer, path: "stats.volume" }',
        '    # tags: a list (DuckDB VARCHAR[]): a column holds one value per record, so it is left out',
      )}\n`,
    );
  });

  it('writes entries the build reads once their blanks are filled: every format, dates as calendar dates', async () => {
    const root = project({
      'data/manifest.yaml': '',
      'data/stocks.csv': STOCKS,
      'data/rates.csv': 'day;rate\n2026-01-02;3.75\n2026-01-09;3.5\n',
      'data/claims.tsv': 'week\tclaims\n2026-01-03\t211000\n',
      'data/trades.csv': 'at,local\n2026-01-02T23:30:00-05:00,2001/01/01 06:55\n',
      'data/closes.ndjson': '{"date":"Jan 3 2026","close":589.5}\n{"date":"Jan 10 2026"}\n',
      'data/quotes.json': JSON.stringify({ rows: [{ day: 'Feb 2 2026', stats: { close: 1.5 } }] }),
    });
    await writeParquet(path.join(root, 'data', 'members.parquet'));
    process.env.TALLY_ROOT = root;
    process.env.TALLY_TODAY = TODAY;
    for (const file of ['stocks.csv', 'rates.csv', 'claims.tsv', 'trades.csv', 'closes.ndjson', 'quotes.json', 'members.parquet']) {
      const target = locateDataFile(`data/${file}`);
      appendEntry(target, await sniffedEntry(target.abs, target.key));
    }
    const text = fs.readFileSync(path.join(root, 'data/manifest.yaml'), 'utf8');
    expect(() => readManifest()).toThrow(/The entry for "stocks.csv" in data\/manifest.yaml: field "title"/);
    const filled = text
      .replaceAll('title: ""', 'title: A series')
      .replaceAll('source: ""', 'source: A publisher')
      .replaceAll('url: ""', 'url: https://example.com/data')
      .replaceAll('licence: ""', 'licence: CC0-1.0')
      .replace(/illustrative: +#/g, 'illustrative: false #');
    fs.writeFileSync(path.join(root, 'data/manifest.yaml'), filled);
    const rows = (file: string) => loadDataFile(file, undefined).table?.rows;
    expect(rows('stocks.csv')?.map((r) => r.date)).toEqual(['2000-01-01', '2000-02-01', '2009-12-01']);
    expect(rows('rates.csv')).toEqual([{ day: '2026-01-02', rate: 3.75 }, { day: '2026-01-09', rate: 3.5 }]);
    expect(rows('claims.tsv')).toEqual([{ week: '2026-01-03', claims: 211000 }]);
    // 23:30 in New York is the next day in UTC, the declared zone.
    expect(rows('trades.csv')).toEqual([{ at: '2026-01-03', local: '2001-01-01' }]);
    expect(rows('closes.ndjson')).toEqual([{ date: '2026-01-03', close: 589.5 }, { date: '2026-01-10', close: null }]);
    expect(rows('quotes.json')).toEqual([{ day: '2026-02-02', close: 1.5 }]);
    expect(readManifest().get('members.parquet')?.columns).toEqual({
      day: { type: 'date' },
      symbol: { type: 'string' },
      close: { type: 'number' },
      volume: { type: 'integer' },
      member: { type: 'boolean' },
      stamped: { type: 'date', format: '%Y-%m-%dT%H:%M:%S%Z', timezone: 'UTC' },
    });
  });
});

describe('the entry suggested with a missing-entry error', () => {
  it('reads a CSV head as the build would, without DuckDB: the same columns data:add prints', async () => {
    const root = project({ 'data/stocks.csv': STOCKS, 'data/rates.csv': 'day;rate\n2026-01-02;3.75\n' });
    process.env.TALLY_ROOT = root;
    process.env.TALLY_TODAY = TODAY;
    expect(suggestEntry(sharedRoot(), 'stocks.csv')).toBe((await dataAdd(root, 'data/stocks.csv')).stdout.trimEnd());
    expect(suggestEntry(sharedRoot(), 'rates.csv')).toBe(entry('rates.csv', '  delimiter: ";"', '  columns:', '    day: date', '    rate: number'));
  });

  it('leaves columns to fill for other formats, naming the command that reads them', () => {
    const root = project({ 'content/issues/x/data/closes.ndjson': '{"a":1}\n{"a":2}\n' });
    process.env.TALLY_ROOT = root;
    process.env.TALLY_TODAY = TODAY;
    expect(suggestEntry(issueDataRoot('x'), 'content/issues/x/data/closes.ndjson')).toBe(
      entry('closes.ndjson', "  columns:           # fill in: each column's type (npm run data:add -- content/issues/x/data/closes.ndjson reads them from the file)"),
    );
  });

  it('quotes a column name YAML would read as something else, and notes a date that reads two ways', () => {
    const root = project({ 'data/odd.csv': 'yes,close price,when\n1,2.5,03/04/2026\n2,3,05/06/2026\n' });
    process.env.TALLY_ROOT = root;
    process.env.TALLY_TODAY = TODAY;
    expect(suggestEntry(sharedRoot(), 'odd.csv')).toBe(
      entry('odd.csv', '  columns:', '    "yes": integer', '    "close price": number', '    when: { type: date, format: "%m/%d/%Y" }   # every cell also reads as "%d/%m/%Y": check which the source uses'),
    );
  });
});

describe("DuckDB's names for types and formats", () => {
  it("translates DuckDB's strptime directives to d3's, and has none for a zone name", () => {
    expect(d3Format('%d/%m/%Y %H:%M:%S.%g%z')).toBe('%d/%m/%Y %H:%M:%S.%L%Z');
    expect(d3Format('%-d %b %Y')).toBe('%e %b %Y');
    expect(d3Format('%-m/%-d/%Y')).toBe('%m/%e/%Y');
    expect(d3Format('%Y-%m-%d %H:%M:%S %Z')).toBeUndefined();
    expect(d3Format(null)).toBeUndefined();
  });

  it('reads the fields of a STRUCT type, quoted names and nested types included', () => {
    expect(structFields('STRUCT(a BIGINT, "b ""c"" d" DECIMAL(18,3), s STRUCT("close" DOUBLE, v VARCHAR[]))')).toEqual([
      { name: 'a', type: 'BIGINT' },
      { name: 'b "c" d', type: 'DECIMAL(18,3)' },
      { name: 's', type: 'STRUCT("close" DOUBLE, v VARCHAR[])' },
    ]);
    expect(structFields('VARCHAR[]')).toBeUndefined();
  });
});
