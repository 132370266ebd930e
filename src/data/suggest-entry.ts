import path from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { dataFormatOf, readHead } from './data-format-of.ts';
import { dataFilePath, type DataRoot } from './data-roots.ts';
import { inferTextColumn } from './infer-column.ts';
import { entryLines, today, type EntryDraft } from './manifest-entry-text.ts';

/** Enough of a file for its header and a few hundred rows, however large the file is. */
const HEAD_BYTES = 256 * 1024;
const SAMPLE_ROWS = 500;

/**
 * The manifest entry to paste for a data file that has none (file id `id` in `root`): for CSV
 * and TSV its delimiter and column types read from the header and the first rows, with the
 * build's own cell parser; for other formats a `columns:` to fill, pointing to `npm run data:add`,
 * which reads any format with DuckDB. Synchronous, for the manifest check that cannot await.
 */
export function suggestEntry(root: DataRoot, id: string): string {
  const key = id.slice(root.prefix.length);
  return entryLines(draftFromHead(path.join(root.dir, key), key, dataFilePath(id)), { today: today() }).join('\n');
}

function draftFromHead(abs: string, key: string, shown: string): EntryDraft {
  const fill = `npm run data:add -- ${shown} reads them from the file`;
  let head: string;
  try {
    head = readHead(abs, HEAD_BYTES);
  } catch {
    return { key, columns: undefined, columnsNote: fill };
  }
  const { format, fromExtension } = dataFormatOf(abs, head.slice(0, 4096));
  const shownFormat = fromExtension ? undefined : format;
  if (format === 'yaml' || format === 'geojson' || format === 'topojson') return { key, format: shownFormat, columns: [] };
  if (format !== 'csv' && format !== 'tsv') return { key, format: shownFormat, columns: undefined, columnsNote: fill };

  let text = head.replace(/^\uFEFF/, '');
  // A head cut mid-row would end on a short row: keep whole lines only.
  if (Buffer.byteLength(head) >= HEAD_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(headerLine, format);
  const rows = dsvFormat(delimiter).parseRows(text.replace(/\r\n/g, '\n'));
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) return { key, format: shownFormat, columns: undefined, columnsNote: 'the file has no header row' };
  const sample = rows.slice(1, 1 + SAMPLE_ROWS);
  const columns = header.map((name, j) => inferTextColumn(name, sample.map((r) => r[j] ?? null)));
  const usual = format === 'tsv' ? '\t' : ',';
  return { key, format: shownFormat, delimiter: delimiter === usual ? undefined : delimiter, columns };
}

/** The delimiter the header line uses most, outside quotes (a comma on a tie; a tab for TSV). */
export function detectDelimiter(headerLine: string, format: 'csv' | 'tsv'): string {
  const counts = new Map<string, number>([[format === 'tsv' ? '\t' : ',', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t' || ch === '|')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}
