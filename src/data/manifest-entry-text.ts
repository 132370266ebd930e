import { isCalendarDate } from './calendar-date.ts';
import type { ColumnSpec } from './column-types.ts';
import type { FileFormat } from './file-format.ts';
import type { SuggestedColumn } from './infer-column.ts';

/** What a suggested manifest entry says of a file besides its provenance. */
export interface EntryDraft {
  /** The key: the file's path inside its data folder. */
  readonly key: string;
  /** Written only when the extension does not say it. */
  readonly format?: FileFormat | undefined;
  /** Written only when it is not the format's default (comma for CSV, tab for TSV). */
  readonly delimiter?: string | undefined;
  /** Where a JSON document holds its records. */
  readonly property?: string | undefined;
  /** The columns; undefined writes a `columns:` for the author to fill; an empty list writes none (a document: YAML, GeoJSON, TopoJSON). */
  readonly columns: readonly SuggestedColumn[] | undefined;
  /** Said beside `columns:` when they could not be read. */
  readonly columnsNote?: string | undefined;
}

/**
 * The entry's lines, for an author to review: provenance left blank to fill in (blank fails
 * the build at its line, so nothing unfilled is published), `retrieved` today, then the file's
 * format and columns in the manifest's own syntax.
 */
export function entryLines(draft: EntryDraft, options: { today: string; indent?: string }): string[] {
  const i = options.indent ?? '  ';
  const lines = [
    `${yamlKey(draft.key)}:`,
    `${i}title: ""          # fill in: what the file holds, as readers will see it`,
    `${i}source: ""         # fill in: who publishes or made the data`,
    `${i}url: ""            # fill in: where it comes from (https://…)`,
    `${i}licence: ""        # fill in: e.g. CC0-1.0, CC-BY-4.0, Public domain`,
    `${i}retrieved: ${options.today}`,
    `${i}illustrative:      # fill in: true if the numbers are constructed, false if observed`,
  ];
  if (draft.format) lines.push(`${i}format: ${draft.format}`);
  if (draft.delimiter !== undefined) lines.push(`${i}delimiter: ${JSON.stringify(draft.delimiter)}`);
  if (draft.property !== undefined) lines.push(`${i}property: ${yamlKey(draft.property)}`);
  if (draft.columns === undefined) {
    lines.push(`${i}columns:           # fill in: each column's type${draft.columnsNote ? ` (${oneLine(draft.columnsNote)})` : ''}`);
  } else if (draft.columns.length) {
    lines.push(`${i}columns:`);
    for (const c of draft.columns) {
      if (c.skip) lines.push(`${i}${i}# ${oneLine(c.name)}: ${oneLine(c.note ?? 'left out')}`);
      else lines.push(`${i}${i}${yamlKey(c.name)}: ${specText(c.spec)}${c.note ? `   # ${oneLine(c.note)}` : ''}`);
    }
  }
  return lines;
}

/** A column in the manifest's syntax: `number`, `{ type: date, format: "%b %d %Y" }`, `{ type: number, path: "stats.close" }`. */
export function specText(spec: ColumnSpec): string {
  if (spec.format === undefined && spec.path === undefined) return spec.type;
  const fields = [`type: ${spec.type}`];
  if (spec.format !== undefined) fields.push(`format: ${JSON.stringify(spec.format)}`);
  if (spec.timezone !== undefined) fields.push(`timezone: ${JSON.stringify(spec.timezone)}`);
  if (spec.path !== undefined) fields.push(`path: ${JSON.stringify(spec.path)}`);
  return `{ ${fields.join(', ')} }`;
}

/** The date `retrieved:` says: TALLY_TODAY when set (tests, reproducible runs), else today in UTC. */
export function today(): string {
  const fixed = process.env.TALLY_TODAY;
  if (fixed !== undefined && isCalendarDate(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A mapping key, plain when YAML reads it back as the same string, else double-quoted (JSON's escapes are YAML's). */
export function yamlKey(name: string): string {
  return PLAIN_KEY.test(name) && !YAML_WORDS.test(name) ? name : JSON.stringify(name);
}

/** Text from a file put in a comment: one line, no control characters. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
