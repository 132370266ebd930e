import { LineCounter, parseDocument } from 'yaml';
import { fail, type Loc } from '../core/errors.ts';
import { specOf, typeLabel, type Cell, type ColumnDecls, type Row, type Table } from './column-types.ts';
import { guessDateFormats } from './guess-date-format.ts';
import { locateJsonError } from './json-syntax-error.ts';
import { checkValue } from './parse-cell.ts';
import { keyLine, recordLines } from './record-lines.ts';

const JSON_HINT = 'Fix the syntax at the position shown; JSON allows no trailing commas or comments.';

export interface StructuredOptions {
  file: string;
  loc: string;
  columns: ColumnDecls | undefined;
  dateColumn: string | undefined;
  /** The file's text, to give each record its source line. */
  text?: string | undefined;
  /** Each record's line when the caller knows them (NDJSON: one per line); the text is then not scanned. */
  lines?: number[] | undefined;
}

/** Parses JSON, reporting the line and column of a syntax error. */
export function parseJson(text: string, opts: Pick<StructuredOptions, 'file' | 'loc'>): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (e) {
    const { line, column, reason } = locateJsonError(source, e);
    fail('BadDataFile', { file: opts.loc, line, column }, `${opts.file} is not valid JSON: ${reason}.`, JSON_HINT);
  }
}

/**
 * Parses YAML 1.2 (the `yaml` package's core schema): `no`, `on` and `010` stay what they look
 * like in YAML 1.2 (a string, a string, the number 10), and dates stay strings.
 */
export function parseYaml(text: string, opts: Pick<StructuredOptions, 'file' | 'loc'>): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    fail('BadDataFile', { file: opts.loc, line: at.line, column: at.col }, `${opts.file} is not valid YAML: ${err.message.split('\n')[0]}`, 'Fix the syntax at the position shown: indent with spaces, and quote a value that holds ": " or starts with a special character.');
  }
  return doc.toJS();
}

/** Turns an array of records (from JSON or YAML) into a typed table, checking the declared columns. */
export function recordsToTable(value: unknown, opts: StructuredOptions & { columns: ColumnDecls }): Table {
  if (!Array.isArray(value)) fail('BadDataFile', { file: opts.loc }, `${opts.file} is declared with columns, so it must hold an array of records.`);
  const lines = opts.lines ?? (opts.text === undefined ? [] : recordLines(opts.text, opts.file));
  const scan = opts.lines === undefined && opts.text !== undefined;
  const at = (i: number, col?: string): Loc => ({ file: opts.loc, line: lines[i] && (col === undefined || !scan ? lines[i] : keyLine(opts.text!, lines[i], col, opts.file)) });
  const seen = new Set<string>();
  const rows: Row[] = value.map((rec: unknown, i) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      fail('BadDataFile', at(i), `Record ${i + 1} of ${opts.file} is not an object.`);
    }
    const out: Record<string, Cell> = {};
    for (const [col, declared] of Object.entries(opts.columns)) {
      const spec = specOf(declared);
      // A record that omits a key has a missing value there; a column no record has is a typo (checked below).
      const raw: unknown = spec.path ? valueAt(rec, spec.path) : (rec as Record<string, unknown>)[col];
      if (raw !== undefined) seen.add(col);
      const v = checkValue(raw, spec);
      if (v === undefined) {
        const text = typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString() : (JSON.stringify(raw) ?? 'undefined');
        fail('BadCell', at(i, col), col, typeLabel(spec), text, spec.type === 'date' && typeof raw === 'string' ? guessDateFormats(raw) : []);
      }
      out[col] = v;
    }
    return out;
  });
  if (value.length > 0) {
    const absent = Object.keys(opts.columns).find((c) => !seen.has(c));
    if (absent !== undefined) {
      const keys = [...new Set(value.flatMap((r: object) => Object.keys(r)))];
      fail('UnknownColumn', at(0), absent, opts.file, keys);
    }
  }
  return { file: opts.file, columns: Object.fromEntries(Object.entries(opts.columns).map(([c, d]) => [c, specOf(d).type])), rows, lines: rows.map((_, i) => lines[i] ?? 0), dateColumn: opts.dateColumn };
}

/** The value at a dotted path ("stats.close") of a record or document, or undefined. */
export function valueAt(value: unknown, dotted: string): unknown {
  let v = value;
  for (const key of dotted.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Parses newline-delimited JSON: one record per non-blank line, a syntax error at its line. */
export function parseNdjson(text: string, opts: Pick<StructuredOptions, 'file' | 'loc'>): { records: unknown[]; lines: number[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: unknown[] = [];
  const lines: number[] = [];
  source.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (e) {
      const { column, reason } = locateJsonError(line, e);
      fail('BadDataFile', { file: opts.loc, line: i + 1, column }, `${opts.file}: line ${i + 1} is not a JSON record: ${reason}.`, JSON_HINT);
    }
    lines.push(i + 1);
  });
  return { records, lines };
}
