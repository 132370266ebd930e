import { dsvFormat } from 'd3-dsv';
import { fail } from '../core/errors.ts';
import { specOf, typeLabel, type Cell, type ColumnDecls, type Row, type Table } from './column-types.ts';
import { guessDateFormats } from './guess-date-format.ts';
import { parseCell } from './parse-cell.ts';

export interface CsvOptions {
  /** Path relative to data/, used in messages. */
  file: string;
  /** Path relative to the project root, for error locations. */
  loc: string;
  columns: ColumnDecls;
  dateColumn: string | undefined;
  /** The cell separator: a comma unless the manifest says otherwise (a tab for TSV). */
  delimiter?: string | undefined;
}

/**
 * Parses CSV text into typed rows. Every declared column must be in the header; every cell
 * must be of its column's type; every row keeps its source line.
 */
export function parseCsv(text: string, opts: CsvOptions): Table {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = dsvFormat(opts.delimiter ?? ',').parseRows(source);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) fail('BadCsv', { file: opts.loc, line: 1 }, `${opts.file} has no header row.`);
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (n === '') {
      const trailing = i === names.length - 1 ? ' (a trailing comma? remove it from every line)' : '';
      fail('BadCsv', { file: opts.loc, line: 1, column: i + 1 }, `${opts.file}: header cell ${i + 1} is empty; every column needs a name${trailing}.`);
    }
    if (seen.has(n)) fail('BadCsv', { file: opts.loc, line: 1, column: i + 1 }, `${opts.file} has the column "${n}" twice in its header (cells ${names.indexOf(n) + 1} and ${i + 1}).`);
    seen.add(n);
  });
  for (const col of Object.keys(opts.columns)) {
    if (!seen.has(col)) fail('UnknownColumn', { file: opts.loc, line: 1 }, col, opts.file, names);
  }

  const rows: Row[] = [];
  const lines: number[] = [];
  let line = 1 + newlines(header);
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    line += 1;
    const here = line;
    line += newlines(record);
    if (record.length === 1 && record[0] === '') continue; // a blank line
    if (record.length !== names.length) {
      const column = Math.min(record.length, names.length) + 1;
      fail('BadCsv', { file: opts.loc, line: here, column }, `Row at line ${here} of ${opts.file} has ${record.length} cells; the header has ${names.length}.`);
    }
    const row: Record<string, Cell> = {};
    names.forEach((name, i) => {
      const raw = record[i]!;
      const spec = specOf(opts.columns[name] ?? 'string');
      const value = parseCell(raw, spec);
      if (value === undefined) fail('BadCell', { file: opts.loc, line: here, column: i + 1 }, name, typeLabel(spec), raw, spec.type === 'date' ? guessDateFormats(raw) : []);
      row[name] = value;
    });
    rows.push(row);
    lines.push(here);
  }
  return { file: opts.file, columns: { ...Object.fromEntries(names.map((n) => [n, specOf(opts.columns[n] ?? 'string').type])) }, rows, lines, dateColumn: opts.dateColumn };
}

/**
 * Line breaks inside quoted cells, so the next row's line number stays right. CRLF, LF and a
 * lone CR each count once, as d3-dsv (and every editor) ends a line on any of them.
 */
function newlines(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) if (cell.includes('\n') || cell.includes('\r')) n += cell.match(/\r\n|\r|\n/g)!.length;
  return n;
}
