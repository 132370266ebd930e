import type { Cell, Row, Table } from '../data/column-types.ts';
import { dataFilePath } from '../data/data-roots.ts';
import { dateColumnOf } from '../data/load-table.ts';
import type { ManifestEntry } from '../data/manifest.ts';
import { parseDataText } from '../data/parse-data-text.ts';

/** The rows of a data file that differ between the locked version and the one on disk. */
export interface RowChanges {
  /** One line per changed row, e.g. `2026-01-08 (line 6): price 121 → 130`, at most `MAX_LISTED`. */
  rows: string[];
  /** Changed rows not listed because there were more than `MAX_LISTED`. */
  more: number;
  /** Changed rows dated after the issue's as-of date: the issue does not read them. */
  later: number;
}

export interface DiffOptions {
  /** The issue's as-of date: rows dated after it are counted, not listed, unless `latest`. */
  asOf?: string | undefined;
  /** A figure reads the file's latest rows, past the as-of date. */
  latest?: boolean | undefined;
}

export const MAX_LISTED = 10;

/**
 * Compares two versions of a data file row by row, parsed with the project's own loaders and
 * the manifest's column types. Rows are matched by their date when dates are unique, then by
 * date and text cells, then by position. Throws the loader's error when a version cannot be read.
 */
export function diffDataFile(file: string, oldText: string, newText: string, entry: ManifestEntry, options: DiffOptions = {}): RowChanges {
  if (!entry.columns) {
    const [before, after] = [oldText, newText].map((text) => parseDataText(file, text, entry, dataFilePath(file), undefined).document);
    return limit(diffDocuments(before, after), 0);
  }
  const [before, after] = [oldText, newText].map((text) => readTable(file, text, entry));
  return diffTables(before!, after!, options);
}

function readTable(file: string, text: string, entry: ManifestEntry): Table {
  return parseDataText(file, text, entry, dataFilePath(file), dateColumnOf(entry)).table!;
}

interface Keyed {
  key: string;
  label: string;
  row: Row;
  line: number;
  date: string | undefined;
}

function diffTables(before: Table, after: Table, options: DiffOptions): RowChanges {
  const [old, now] = matchRows(before, after);
  const date = after.dateColumn;
  const changes: { date: string | undefined; line: number; text: string }[] = [];
  for (const [key, n] of now) {
    const o = old.get(key);
    if (!o) {
      changes.push({ date: n.date, line: n.line, text: `${n.label} (line ${n.line}): added (${cells(n.row, date)})` });
      continue;
    }
    const diff = Object.keys({ ...o.row, ...n.row }).filter((c) => o.row[c] !== n.row[c]);
    if (diff.length) changes.push({ date: n.date, line: n.line, text: `${n.label} (line ${n.line}): ${diff.map((c) => `${c} ${show(o.row[c])} → ${show(n.row[c])}`).join(', ')}` });
  }
  for (const [key, o] of old) if (!now.has(key)) changes.push({ date: o.date, line: o.line, text: `${o.label} (line ${o.line} of the locked file): removed (${cells(o.row, date)})` });
  changes.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.line - b.line);
  const cut = options.latest || !options.asOf ? changes : changes.filter((c) => c.date === undefined || c.date <= options.asOf!);
  return limit(cut.map((c) => c.text), changes.length - cut.length);
}

/** Each version's rows by a key that is unique in both: the date, the date and text cells, the text cells, or the position. */
function matchRows(before: Table, after: Table): [Map<string, Keyed>, Map<string, Keyed>] {
  const date = after.dateColumn && before.dateColumn === after.dateColumn ? after.dateColumn : undefined;
  const texts = Object.keys(after.columns).filter((c) => c !== date && after.columns[c] === 'string' && before.columns[c] === 'string');
  const keyings: string[][] = [];
  if (date) keyings.push([date], [date, ...texts]);
  if (texts.length) keyings.push(texts);
  for (const cols of keyings) {
    const maps = [before, after].map((t) => keyBy(t, cols, date));
    if (maps.every((m) => m !== undefined)) return maps as [Map<string, Keyed>, Map<string, Keyed>];
  }
  return [byPosition(before, date), byPosition(after, date)];
}

function keyBy(table: Table, cols: string[], date: string | undefined): Map<string, Keyed> | undefined {
  const out = new Map<string, Keyed>();
  for (const [i, row] of table.rows.entries()) {
    const key = JSON.stringify(cols.map((c) => row[c] ?? null));
    if (out.has(key)) return undefined;
    const label = cols.map((c) => (c === date ? String(row[c]) : show(row[c]))).join(' · ');
    out.set(key, { key, label, row, line: table.lines[i] ?? 0, date: date ? String(row[date]) : undefined });
  }
  return out;
}

function byPosition(table: Table, date: string | undefined): Map<string, Keyed> {
  return new Map(table.rows.map((row, i) => [`#${i}`, { key: `#${i}`, label: `row ${i + 1}`, row, line: table.lines[i] ?? 0, date: date ? String(row[date]) : undefined }]));
}

/** Paths in two parsed documents whose values differ, e.g. `threshold: 110 → 120`. */
function diffDocuments(before: unknown, after: unknown, at = ''): string[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      const p = Array.isArray(after) ? `${at}[${k}]` : at ? `${at}.${k}` : k;
      const [o, n] = [(before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]];
      if (!(k in before)) out.push(`${p}: added (${brief(n)})`);
      else if (!(k in after)) out.push(`${p}: removed (was ${brief(o)})`);
      else out.push(...diffDocuments(o, n, p));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${at || '(the whole document)'}: ${brief(before)} → ${brief(after)}`];
}

function limit(rows: string[], later: number): RowChanges {
  return { rows: rows.slice(0, MAX_LISTED), more: Math.max(0, rows.length - MAX_LISTED), later };
}

/** A row's cells but its date, which its label already shows. */
function cells(row: Row, date: string | undefined): string {
  return Object.entries(row)
    .filter(([c]) => c !== date)
    .map(([c, v]) => `${c} ${show(v)}`)
    .join(', ');
}

/** A cell as the message shows it: text quoted (so blanks and control characters show), empty named. */
function show(v: Cell | undefined): string {
  if (v === null || v === undefined) return '(empty)';
  return typeof v === 'string' ? clip(JSON.stringify(v)) : String(v);
}

function brief(v: unknown): string {
  return v === undefined ? '(nothing)' : clip(JSON.stringify(v) ?? String(v));
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}
