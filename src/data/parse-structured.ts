import { LineCounter, parseDocument } from 'yaml';
import { fail } from '../errors.ts';
import type { Cell, ColumnType, Row, Table } from './column-types.ts';
import { checkValue } from './parse-cell.ts';

export interface StructuredOptions {
  file: string;
  loc: string;
  columns: Readonly<Record<string, ColumnType>> | undefined;
  dateColumn: string | undefined;
}

/** Parses JSON, reporting the line and column of a syntax error. */
export function parseJson(text: string, opts: Pick<StructuredOptions, 'file' | 'loc'>): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? lineCol(text, Number(pos[1])) : undefined;
    fail('BadDataFile', { file: opts.loc, ...at }, `${opts.file} is not valid JSON: ${msg}`);
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
  const rows: Row[] = value.map((rec: unknown, i) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      fail('BadDataFile', { file: opts.loc }, `Record ${i + 1} of ${opts.file} is not an object.`);
    }
    const out: Record<string, Cell> = {};
    for (const [col, type] of Object.entries(opts.columns)) {
      if (!(col in rec)) fail('UnknownColumn', { file: opts.loc }, col, opts.file, Object.keys(rec));
      const v = checkValue((rec as Record<string, unknown>)[col], type);
      if (v === undefined) fail('BadCell', { file: opts.loc }, col, type, JSON.stringify((rec as Record<string, unknown>)[col]) ?? 'undefined');
      out[col] = v;
    }
    return out;
  });
  return { file: opts.file, columns: opts.columns, rows, lines: rows.map(() => 0), dateColumn: opts.dateColumn };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
