/**
 * Writes the flagship's constructed primary data: daily closes of the stocks the issue names
 * (data/stock-closes.csv) and of 500 S&P 500 members for 2025 and 2026 to the as-of date
 * (data/members.parquet). The series are random walks from a fixed seed, pinned so that the
 * readings the issue reports come out of computing on them: each named stock's move this year
 * and distance from its 52-week high, and the share of members beating the S&P 500 this year.
 * The index closes are read from data/indices.csv (already daily, and kept as they are): the
 * trading calendar and the index's move this year come from there.
 *
 *   npx node scripts/generate-flagship-data.ts [--out <folder>] [--indices <file>]   (default: data/, data/indices.csv)
 *
 * Deterministic: no clock, no network, one DuckDB thread; the same bytes on every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = 20260121;
const YEAR_END = '2025-12-31';
const AS_OF = '2026-01-21';
const FIRST_DAY = '2025-01-02';
const MEMBERS = 500;
/** Members beating the index this year: 65%. */
const BEATING = 325;

/** NYSE holidays that fall on weekdays in the span (9 January 2025: a national day of mourning). */
const HOLIDAYS = new Set([
  '2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19',
  '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25', '2026-01-01', '2026-01-19',
]);

interface Named {
  ticker: string;
  /** Price change from the 2025 close to the as-of date, as reported. */
  ytd: number;
  /** 1 − close ÷ 52-week high on the as-of date, as reported. */
  belowHigh: number;
  /** Date of the 52-week high (the as-of date itself for a stock at its high). */
  highOn: string;
  /** Rough year-end price, where the search for exact cents starts. */
  near: number;
  member: boolean;
}

const NAMED: Named[] = [
  { ticker: 'HBAN', ytd: 0.124, belowHigh: 0, highOn: AS_OF, near: 17.3, member: true },
  { ticker: 'RF', ytd: 0.108, belowHigh: 0.004, highOn: '2026-01-16', near: 27.1, member: true },
  { ticker: 'KTOS', ytd: 0.187, belowHigh: 0, highOn: AS_OF, near: 76, member: false },
  { ticker: 'NVDA', ytd: -0.041, belowHigh: 0.092, highOn: '2025-10-29', near: 186, member: true },
  { ticker: 'MSFT', ytd: -0.032, belowHigh: 0.106, highOn: '2025-07-31', near: 483, member: true },
  { ticker: 'AAPL', ytd: -0.058, belowHigh: 0.14, highOn: '2025-12-02', near: 271, member: true },
];

// ---- random numbers: mulberry32 and Box–Muller, from the fixed seed

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = rng(SEED);
function normal(): number {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

// ---- calendar and index

function tradingDays(): string[] {
  const days: string[] = [];
  for (let d = new Date(`${FIRST_DAY}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso > AS_OF) return days;
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(iso)) days.push(iso);
  }
}

/** The S&P 500's closes by date, and a check that our calendar has the index file's sessions. */
function readIndex(days: string[]): Map<string, number> {
  const [head, ...lines] = fs.readFileSync(indicesFile(), 'utf8').trim().split(/\r?\n/);
  const col = head!.split(',').indexOf('sp500');
  const closes = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[0]! <= AS_OF) closes.set(cells[0]!, Number(cells[col]));
  }
  const ours = days.filter((d) => d >= [...closes.keys()][0]!);
  if (ours.join() !== [...closes.keys()].join()) throw new Error('data/indices.csv has other sessions than the calendar here: update HOLIDAYS');
  return closes;
}

// ---- paths

/**
 * A log-price random walk through fixed points (a Brownian bridge between each pair), then
 * reflected under `ceiling` (log) wherever it would rise above it.
 */
function walk(n: number, vol: number, pins: Map<number, number>, ceiling = Infinity): number[] {
  const w = [0];
  for (let i = 1; i < n; i++) w.push(w[i - 1]! + vol * normal());
  const at = [...pins.keys()].sort((a, b) => a - b);
  const x = new Array<number>(n);
  for (let k = 0; k + 1 < at.length; k++) {
    const [i0, i1] = [at[k]!, at[k + 1]!];
    const [a0, a1] = [pins.get(i0)!, pins.get(i1)!];
    for (let i = i0; i <= i1; i++) {
      const f = (i - i0) / (i1 - i0);
      x[i] = a0 + (w[i]! - w[i0]!) - f * (w[i1]! - w[i0]!) + f * (a1 - a0);
    }
  }
  return x.map((v, i) => (pins.has(i) || v <= ceiling ? v : 2 * ceiling - v));
}

const cents = (price: number) => Math.round(price * 100) / 100;

/** How close a constructed reading must be to the reported one: well inside the digit the issue shows. */
const TOLERANCE = 1e-4;

/**
 * Year-end close, last close and 52-week high, in cents, near `s.near`, whose ratios come
 * closest to the reported readings (exact in decimal where cents allow, e.g. 19.67 ÷ 17.50 − 1 = 0.124).
 */
function anchors(s: Named): { base: number; last: number; high: number } {
  let best = { base: 0, last: 0, high: 0, miss: Infinity };
  for (let c = Math.round(s.near * 90); c <= Math.round(s.near * 110); c++) {
    const base = c / 100;
    const last = cents(base * (1 + s.ytd));
    const high = s.belowHigh === 0 ? last : cents(last / (1 - s.belowHigh));
    const miss = Math.max(Math.abs(last / base - 1 - s.ytd), Math.abs(1 - last / high - s.belowHigh));
    if (miss < best.miss - 1e-12) best = { base, last, high, miss };
  }
  if (best.miss > TOLERANCE) throw new Error(`${s.ticker}: no closes in cents near ${s.near} give the reported readings`);
  return best;
}

function namedSeries(s: Named, days: string[]): number[] {
  const { base, last, high } = anchors(s);
  const n = days.length;
  const pins = new Map<number, number>([
    [0, Math.log(base) + 0.25 * normal() - 0.05],
    [days.indexOf(YEAR_END), Math.log(base)],
    [n - 1, Math.log(last)],
    [days.indexOf(s.highOn), Math.log(high)],
  ]);
  // Every other close stays below the high, by at least a tenth of a percent.
  const ceiling = Math.log(high) + Math.log(0.999);
  pins.set(0, Math.min(pins.get(0)!, ceiling - 0.05));
  const closes = walk(n, 0.018, pins, ceiling).map((v) => cents(Math.exp(v)));
  closes[days.indexOf(YEAR_END)] = base;
  closes[n - 1] = last;
  closes[days.indexOf(s.highOn)] = high;
  const year = days.map((d, i) => [d, closes[i]!] as const).filter(([d]) => d > '2025-01-21');
  const top = Math.max(...year.map(([, c]) => c));
  if (top !== high || Math.abs(1 - last / top - s.belowHigh) > TOLERANCE || Math.abs(last / base - 1 - s.ytd) > TOLERANCE) throw new Error(`${s.ticker}: the constructed closes miss the reported readings`);
  return closes;
}

/** An anonymous member's closes, ending the year `ytd` from its 2025 close. */
function memberSeries(days: string[], ytd: number): number[] {
  const n = days.length;
  const start = Math.exp(Math.log(80) + 0.7 * normal());
  const base = cents(Math.max(8, start * Math.exp(0.07 + 0.22 * normal())));
  const pins = new Map<number, number>([
    [0, Math.log(start)],
    [days.indexOf(YEAR_END), Math.log(base)],
    [n - 1, Math.log(base * (1 + ytd))],
  ]);
  const closes = walk(n, 0.01 + 0.015 * uniform(), pins).map((v) => Math.max(1, cents(Math.exp(v))));
  closes[days.indexOf(YEAR_END)] = base;
  return closes;
}

// ---- output

/** CRLF line ends, as the site's data CSVs are committed. */
function csvOf(header: string, rows: string[]): string {
  return `${header}\r\n${rows.join('\r\n')}\r\n`;
}

async function writeParquet(csvText: string, file: string): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-members-'));
  const csvFile = path.join(tmp, 'members.csv');
  fs.writeFileSync(csvFile, csvText);
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await db.connect();
  const quote = (p: string) => `'${p.replaceAll("'", "''")}'`;
  try {
    await conn.run(
      `COPY (SELECT symbol, date, close FROM read_csv(${quote(csvFile)}, header = true, columns = {'symbol': 'VARCHAR', 'date': 'DATE', 'close': 'DOUBLE'}) ORDER BY symbol, date) ` +
        `TO ${quote(file)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    conn.closeSync();
    db.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The index closes it reads: data/indices.csv, or the file given with --indices. */
function indicesFile(): string {
  const at = process.argv.indexOf('--indices');
  return at > 0 ? path.resolve(process.argv[at + 1]!) : path.join(ROOT, 'data', 'indices.csv');
}

async function main(): Promise<void> {
  const outArg = process.argv.indexOf('--out');
  const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]!) : path.join(ROOT, 'data');
  fs.mkdirSync(out, { recursive: true });

  const days = tradingDays();
  const index = readIndex(days);
  const indexYtd = index.get(AS_OF)! / index.get(YEAR_END)! - 1;

  const named = new Map(NAMED.map((s) => [s.ticker, namedSeries(s, days)]));
  const stockRows = NAMED.flatMap((s) => days.map((d, i) => `${s.ticker},${d},${named.get(s.ticker)![i]!.toFixed(2)}`));
  fs.writeFileSync(path.join(out, 'stock-closes.csv'), csvOf('ticker,date,close', stockRows));

  // The named members count as they are; anonymous ones make up the rest of the 65%.
  const members = new Map<string, number[]>();
  for (const s of NAMED) if (s.member) members.set(s.ticker, named.get(s.ticker)!);
  const namedBeating = NAMED.filter((s) => s.member && s.ytd > indexYtd).length;
  const anonymous = MEMBERS - members.size;
  const beats = Array.from({ length: anonymous }, (_, i) => i < BEATING - namedBeating);
  for (let i = beats.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [beats[i], beats[j]] = [beats[j]!, beats[i]!];
  }
  beats.forEach((beat, i) => {
    const gap = 0.004 + Math.abs(0.045 * normal());
    members.set(`M${String(i + 1).padStart(3, '0')}`, memberSeries(days, beat ? indexYtd + gap : indexYtd - Math.min(gap, 0.3)));
  });

  const y = days.indexOf(YEAR_END);
  const beating = [...members.values()].filter((c) => c.at(-1)! / c[y]! - 1 > indexYtd).length;
  if (beating !== BEATING) throw new Error(`${beating} members beat the index, not ${BEATING}`);

  const memberRows = [...members].flatMap(([symbol, closes]) => days.map((d, i) => `${symbol},${d},${closes[i]!.toFixed(2)}`));
  await writeParquet(csvOf('symbol,date,close', memberRows), path.join(out, 'members.parquet'));

  for (const f of ['stock-closes.csv', 'members.parquet']) console.log(`${path.join(out, f)}: ${fs.statSync(path.join(out, f)).size} bytes`);
}

await main();
