import { numberText } from './number-text.ts';

/** The data behind a chart as a table: the fallback for readers who cannot see the SVG. */
export interface DataTable {
  columns: string[];
  /** The rows shown: all of them, or the first `head` and then the last ones. */
  rows: string[][];
  /** How many of `rows` come before the rows left out (all of them when none are). */
  head: number;
  /** Rows left out of the table, between the first and the last, to keep the page light; the CSV has them. */
  omitted: number;
}

/** A table of at most this many rows is shown whole; a longer one shows its first and last EDGE_ROWS. */
export const MAX_TABLE_ROWS = 100;
export const EDGE_ROWS = 25;

/** Fields a spec encodes (x, y, color…), in the order they first appear. */
export function encodedFields(spec: unknown): string[] {
  const fields: string[] = [];
  const walk = (node: unknown, inEncoding: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inEncoding));
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'datasets') continue;
      if (inEncoding && k === 'field' && typeof v === 'string' && !fields.includes(v)) fields.push(v);
      walk(v, inEncoding || k === 'encoding');
    }
  };
  walk(spec, false);
  return fields;
}

export function buildDataTable(rows: readonly Record<string, unknown>[], fields: string[]): DataTable {
  const keys = columnsOf(rows);
  // Encoded fields, when the raw rows hold them all; a transform (fold, calculate) derives
  // fields the rows lack, and then the table shows every column of the data instead.
  const cols = fields.length && fields.every((f) => keys.includes(f)) ? fields : [...keys];
  const whole = rows.length <= MAX_TABLE_ROWS;
  // The first rows say where the data starts, the last ones what it says at asOf.
  const shown = whole ? rows : [...rows.slice(0, EDGE_ROWS), ...rows.slice(-EDGE_ROWS)];
  return {
    columns: cols,
    rows: shown.map((r) => cols.map((c) => cellText(r[c]))),
    head: whole ? rows.length : EDGE_ROWS,
    omitted: rows.length - shown.length,
  };
}

/** Every key of the rows, in the order first met: a record that omits one does not hide it. */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  // The table and the CSV of a chart read the same rows, which are never changed once bound.
  let cols = columnsMemo.get(rows);
  if (!cols) {
    const keys = new Set<string>();
    for (const r of rows) for (const k in r) keys.add(k);
    columnsMemo.set(rows, (cols = [...keys]));
  }
  return cols;
}
const columnsMemo = new WeakMap<readonly Record<string, unknown>[], string[]>();

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? formatCell(v) : String(v);
}

function formatCell(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/**
 * Every row behind the chart (cut at asOf) as CSV, every column, numbers as the data holds them:
 * the download of a table too long for the page. A text cell that a spreadsheet would run as a
 * formula (=, +, -, @) is written with a leading apostrophe.
 */
export function tableCsv(rows: readonly Record<string, unknown>[]): string {
  const cols = columnsOf(rows);
  // One string, cell by cell: 20,000 rows as arrays of cells, then joined, were most of its time.
  let out = cols.map(csvCell).join(',') + '\r\n';
  for (const r of rows) {
    for (let j = 0; j < cols.length; j++) out += (j ? ',' : '') + csvCell(r[cols[j]!]);
    out += '\r\n';
  }
  return out;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // A number's text holds no quote, comma or line break, and is never taken for a formula.
  if (typeof v === 'number') return numberText(v);
  let text = typeof v === 'string' ? v : JSON.stringify(v);
  // JSON has no text for some values (a function): an empty cell, as join wrote it.
  if (text === undefined) return '';
  if (typeof v === 'string' && FORMULA.test(text)) text = `'${text}`;
  return QUOTED.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const FORMULA = /^[=+\-@\t\r]/;
const QUOTED = /[",\r\n]/;
