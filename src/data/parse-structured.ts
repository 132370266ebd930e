import { LineCounter, parseDocument } from 'yaml';
import { fail, type Loc } from '../core/errors.ts';
import type { Cell, ColumnType, Row, Table } from './column-types.ts';
import { locateJsonError } from './json-syntax-error.ts';
import { checkValue } from './parse-cell.ts';
import { keyLine, recordLines } from './record-lines.ts';

export interface StructuredOptions {
  file: string;
  loc: string;
  columns: Readonly<Record<string, ColumnType>> | undefined;
  dateColumn: string | undefined;
  /** The file's text, to give each record its source line. */
  text?: string | undefined;
}

/** Parses JSON, reporting the line and column of a syntax error. */
export function parseJson(text: string, opts: Pick<StructuredOptions, 'file' | 'loc'>): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (e) {
    const { line, column, reason } = locateJsonError(source, e);
    fail('BadDataFile', { file: opts.loc, line, column }, `${opts.file} is not valid JSON: ${reason}.`);
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
    fail('BadDataFile', { file: opts.loc, line: at.line, column: at.col }, `${opts.file} is not valid YAML: ${err.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

/** Turns an array of records (from JSON or YAML) into a typed table, checking the declared columns. */
export function recordsToTable(value: unknown, opts: StructuredOptions & { columns: Readonly<Record<string, ColumnType>> }): Table {
  if (!Array.isArray(value)) fail('BadDataFile', { file: opts.loc }, `${opts.file} is declared with columns, so it must hold an array of records.`);
  const lines = opts.text === undefined ? [] : recordLines(opts.text, opts.file);
  const at = (i: number, col?: string): Loc => ({ file: opts.loc, line: lines[i] && (col === undefined ? lines[i] : keyLine(opts.text!, lines[i], col, opts.file)) });
  const rows: Row[] = value.map((rec: unknown, i) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      fail('BadDataFile', at(i), `Record ${i + 1} of ${opts.file} is not an object.`);
    }
    const out: Record<string, Cell> = {};
    for (const [col, type] of Object.entries(opts.columns)) {
      if (!(col in rec)) fail('UnknownColumn', at(i), col, opts.file, Object.keys(rec));
      const raw: unknown = (rec as Record<string, unknown>)[col];
      const v = checkValue(raw, type);
      if (v === undefined) fail('BadCell', at(i, col), col, type, typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString() : (JSON.stringify(raw) ?? 'undefined'));
      out[col] = v;
    }
    return out;
  });
  return { file: opts.file, columns: opts.columns, rows, lines: rows.map((_, i) => lines[i] ?? 0), dateColumn: opts.dateColumn };
}
