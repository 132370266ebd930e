import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { buildSite, figureText, makeSite, ROOT, type Site } from '../helpers/site.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);

// tests/fixtures/author-walk: a new author's issue written from the README and the API reference
// alone. data/trio.csv is a long table (symbol, date, close) with CRLF line ends and dates written
// "Jan 3 2000"; data/closes.parquet, forty stocks, is written here by DuckDB. Both run from
// 3 January 2000 to 30 March 2001; the issue's asOf is 28 February 2001, so March 2001 must not count.
const ASOF = '2001-02-28';
const BASE = '2000-12-29';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Close { symbol: string; date: string; close: number }

function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** The Parquet file's rows, made here so that the expected numbers need no DuckDB. */
function parquetRows(): Close[] {
  const days = weekdays('2000-01-03', '2001-03-30');
  return Array.from({ length: 40 }, (_, k) => `S${String(k).padStart(2, '0')}`).flatMap((symbol, k) =>
    days.map((date, i) => ({ symbol, date, close: Math.round((60 + k + 10 * Math.sin(i / 15 + k) + (i * (k - 20)) / 400) * 100) / 100 })),
  );
}

async function writeParquet(rows: Close[], file: string): Promise<void> {
  const tmp = tempDir('tally-walk-');
  const csv = path.join(tmp, 'closes.csv');
  fs.writeFileSync(csv, `symbol,date,close\n${rows.map((r) => `${r.symbol},${r.date},${r.close}`).join('\n')}\n`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`copy (select symbol::varchar as symbol, date::date as date, close::double as close from read_csv('${csv}', header = true, all_varchar = true))
               to '${file}' (format parquet)`);
  c.closeSync();
  fs.rmSync(tmp, { recursive: true });
}

/** data/trio.csv read as an author would expect it: dates "Jan 3 2000" as 2000-01-03. */
function trioRows(site: Site): Close[] {
  const [, ...lines] = site.read('data/trio.csv').split('\r\n').filter(Boolean);
  return lines.map((line) => {
    const [symbol, written, close] = line.split(',') as [string, string, string];
    const [mon, day, year] = written.split(' ') as [string, string, string];
    const date = `${year}-${String(MONTHS.indexOf(mon) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
    return { symbol, date, close: Number(close) };
  });
}

const bySymbol = (rows: Close[]) => Map.groupBy(rows.filter((r) => r.date <= ASOF), (r) => r.symbol);
const lastOnOrBefore = (rows: Close[], date: string) => rows.filter((r) => r.date <= date).at(-1)!.close;
const change = (rows: Close[]) => rows.at(-1)!.close / rows.find((r) => r.date === BASE)!.close - 1;

/** The deepest fall from a running high: depth, the high's first date and the low's date. */
function deepestFall(rows: Close[]): { depth: number; peak: string; trough: string } {
  let high = rows[0]!;
  let worst = { depth: 0, peak: high.date, trough: high.date };
  for (const r of rows) {
    if (r.close > high.close) high = r;
    const depth = r.close / high.close - 1;
    if (depth < worst.depth) worst = { depth, peak: high.date, trough: r.date };
  }
  return worst;
}

/**
 * The npm scripts run from the site's own copy, so that the figures module and the command share
 * one copy of src/ (as in a real project).
 */
function withScripts(site: Site): Site {
  for (const script of ['data-add.ts', 'figures.ts']) fs.cpSync(path.join(ROOT, 'scripts', script), path.join(site.root, 'scripts', script));
  return site;
}

async function dataAdd(site: Site, file: string): Promise<string> {
  const r = await run(process.execPath, ['scripts/data-add.ts', file, '--write'], { cwd: site.root });
  return r.stdout + r.stderr;
}

async function figures(site: Site): Promise<string> {
  return run(process.execPath, ['scripts/figures.ts'], { cwd: site.root }).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout?: string; stderr?: string }) => (e.stdout ?? '') + (e.stderr ?? ''),
  );
}

/** 1-based line of the first line of figures.ts holding `text`. */
const lineOf = (site: Site, text: string) => site.read('content/issues/walk/figures.ts').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('an author\'s walk: a Parquet file and a CSV dated "Jan 3 2000", added with data:add, computed with t.sql and the helpers', () => {
  it('gives the numbers computed independently here, and located messages for an author\'s mistakes', async () => {
    const site = withScripts(makeSite('author-walk'));
    const parquet = parquetRows();
    await writeParquet(parquet, path.join(site.root, 'data/closes.parquet'));
    expect(site.read('data/trio.csv')).toContain('\r\nALFA,Jan 3 2000,');

    // 1. data:add writes each entry, with the date format it found; the author fills the blanks.
    expect(await dataAdd(site, 'data/trio.csv')).toContain('date: { type: date, format: "%b %d %Y" }');
    expect(await dataAdd(site, 'data/closes.parquet')).toMatch(/symbol: string\n\s+date: date\n\s+close: number/);
    site.edit('data/manifest.yaml', (text) =>
      text
        .replace(/^(\s+)(title|source|url|licence): "".*$/gm, (_, pad: string, key: string) => `${pad}${key}: ${key === 'url' ? 'https://example.com/walk' : key === 'licence' ? 'CC0-1.0' : `Walk ${key}`}`)
        .replace(/^(\s+)illustrative:\s+#.*$/gm, '$1illustrative: true'),
    );

    // 2. The build, and every number against the same computation done here.
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);
    const lock = JSON.parse(site.read('tally.lock.json')) as { issues: Record<string, { figures: Record<string, { value: number | string }> }> };
    const value = (name: string) => lock.issues.walk!.figures[name]!.value;

    const trio = bySymbol(trioRows(site));
    const moves = new Map([...trio].map(([s, rows]) => [s, change(rows)]));
    const alfa = trio.get('ALFA')!;
    expect(value('alfaYtd')).toBeCloseTo(moves.get('ALFA')!, 12);
    expect(value('alfaRank')).toBe(1 + [...moves.values()].filter((m) => m > moves.get('ALFA')!).length);
    expect(value('upShare')).toBeCloseTo([...moves.values()].filter((m) => m > 0).length / 3, 12);
    const fall = deepestFall(trio.get('BETA')!);
    expect(value('betaDepth')).toBeCloseTo(fall.depth, 12);
    expect([value('betaPeak'), value('betaTrough')]).toEqual([fall.peak, fall.trough]);
    const gama = trio.get('GAMA')!;
    expect(value('gamaRebased')).toBeCloseTo((gama.at(-1)!.close / gama.find((r) => r.date === BASE)!.close) * 100, 10);
    expect(value('alfaMa')).toBeCloseTo(alfa.slice(-20).reduce((a, r) => a + r.close, 0) / 20, 10);
    const alfaHigh = Math.max(...alfa.map((r) => r.close));
    expect([value('alfaHigh'), value('alfaHighSql')]).toEqual([alfaHigh, alfaHigh]);
    // The README's queries for what the helpers do give the helpers' numbers.
    expect(value('alfaRankSql')).toBe(value('alfaRank'));
    expect(value('betaDepthSql')).toBeCloseTo(fall.depth, 12);
    expect(value('alfaMaSql')).toBeCloseTo(value('alfaMa') as number, 10);
    expect(value('gamaRebasedSql')).toBeCloseTo(value('gamaRebased') as number, 10);
    // The rows after the asOf are in the file: a cut on the written text ("Mar 1 2001" < "Feb …"
    // is false, "Apr" < "Feb" true) or none at all would change these.
    expect(trioRows(site).some((r) => r.date > ASOF)).toBe(true);

    const stocks = bySymbol(parquet);
    const stockMoves = [...stocks].map(([s, rows]) => ({ s, move: rows.at(-1)!.close / lastOnOrBefore(rows, BASE) - 1 }));
    expect(value('symbols')).toBe(40);
    expect(value('upTenPct')).toBeCloseTo(stockMoves.filter((m) => m.move > 0.1).length / 40, 12);
    expect(value('best')).toBe(stockMoves.toSorted((a, b) => b.move - a.move || a.s.localeCompare(b.s))[0]!.s);

    // The page shows them, and draws both charts (the CSV by its url, the Parquet by a query).
    const html = built.html('/issues/walk/');
    expect(figureText(html, 'symbols')).toEqual(['40']);
    expect(figureText(html, 'best')).toEqual([value('best')]);
    expect(figureText(html, 'betaTrough')[0]).toMatch(/^[A-Z][a-z]+ \d{1,2}, 200[01]$/);
    expect(html).toContain('Three constructed stocks');
    expect(html).toContain('Median close by year');
    expect((html.match(/<svg[^>]*role="/g) ?? []).length).toBeGreaterThanOrEqual(2);

    // 3. Mistakes, each named at its line of figures.ts with what is wrong and the closest name.
    const figuresTs = site.read('content/issues/walk/figures.ts');
    site.edit('content/issues/walk/figures.ts', (t) => t.replace('count(distinct symbol)', 'count(distinct symbl)'));
    const typo = await figures(site);
    expect(typo).toMatch(new RegExp(`content/issues/walk/figures\\.ts:${lineOf(site, 'symbl')}:\\d+: t\\.sql failed: Binder Error: Referenced column "symbl" not found in FROM clause\\. Did you mean "symbol"\\?`));

    site.write('content/issues/walk/figures.ts', figuresTs.replace("count(distinct symbol) as n from ${closes()}", "count(*) as n from read_csv('/etc/passwd')"));
    const escape = await figures(site);
    expect(escape).toContain(`content/issues/walk/figures.ts:${lineOf(site, '/etc/passwd')}:`);
    expect(escape).toContain('t.sql refused the query: the query calls the table function read_csv(), which reads outside the issue\'s tables.');

    site.write('content/issues/walk/figures.ts', figuresTs.replace("group(trio(), 'symbol', 'ALFA'), 'close', '2000-12-29')", "group(trio(), 'symbol', 'ALFE'), 'close', '2000-12-29')"));
    const group = await figures(site);
    expect(group).toMatch(new RegExp(`data/trio\\.csv: No symbol "ALFE" in trio\\.csv\\. Did you mean "ALFA"\\? \\(while computing figure "alfaYtd" at content/issues/walk/figures\\.ts:${lineOf(site, "'ALFE'")}:\\d+\\)`));
  }, 600_000);
});
