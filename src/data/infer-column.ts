import type { ColumnSpec } from './column-types.ts';
import { dateFormatProblem } from './date-format.ts';
import { parseCell } from './parse-cell.ts';

/** A column type to suggest for a manifest entry, with a note for the author when one is due. */
export interface SuggestedColumn {
  readonly name: string;
  readonly spec: ColumnSpec;
  readonly note?: string | undefined;
  /** Not a column Tally can declare (a list): written as a comment, with its note. */
  readonly skip?: boolean | undefined;
}

/**
 * Date formats tried on a text column, in d3-time-format directives as the manifest declares
 * them: the most common first, since the first format that reads every cell wins.
 */
export const DATE_FORMATS = [
  '%b %d %Y',
  '%B %d %Y',
  '%b %d, %Y',
  '%B %d, %Y',
  '%d %b %Y',
  '%d %B %Y',
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%Y/%m/%d',
  '%d.%m.%Y',
  '%Y-%m-%dT%H:%M:%S%Z',
  '%Y-%m-%dT%H:%M:%S.%L%Z',
  '%Y-%m-%dT%H:%M:%S.%f%Z',
  '%Y-%m-%dT%H:%M%Z',
  '%Y-%m-%d %H:%M:%S%Z',
  '%Y-%m-%d %H:%M:%S.%L%Z',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%dT%H:%M:%S.%L',
  '%Y-%m-%dT%H:%M:%S.%f',
  '%Y-%m-%dT%H:%M',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M:%S.%L',
  '%Y-%m-%d %H:%M:%S.%f',
  '%Y-%m-%d %H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%b %d %Y %H:%M',
  '%m/%d/%y',
  '%d/%m/%y',
] as const;

/** The column spec of a date format: a bare `date` for YYYY-MM-DD, a time zone for a timestamp with its offset. */
export function dateSpec(format: string): ColumnSpec {
  if (format === '%Y-%m-%d') return { type: 'date' };
  return format.endsWith('%Z') ? { type: 'date', format, timezone: 'UTC' } : { type: 'date', format };
}

/**
 * The type of a column from its text cells, as the build will read them (parseCell): boolean,
 * integer, number, a date (YYYY-MM-DD, then each of DATE_FORMATS), else string. Empty cells
 * are missing values and say nothing. `dateOnly` keeps a column that is not a date a string.
 */
export function inferTextColumn(name: string, cells: readonly (string | null)[], options: { dateOnly?: boolean; preferred?: string | undefined } = {}): SuggestedColumn {
  const values = cells.filter((c): c is string => c !== null && c.trim() !== '');
  if (values.length === 0) return { name, spec: { type: 'string' }, note: 'empty in the rows read: check its type' };
  const reads = (spec: ColumnSpec) => values.every((v) => parseCell(v, spec) !== undefined);
  if (!options.dateOnly) {
    if (reads({ type: 'boolean' })) return { name, spec: { type: 'boolean' } };
    if (values.every((v) => !/^[+-]?0\d/.test(v.trim()))) {
      if (reads({ type: 'integer' })) return { name, spec: { type: 'integer' } };
      if (reads({ type: 'number' })) return { name, spec: { type: 'number' } };
    }
  }
  if (reads({ type: 'date' })) return { name, spec: { type: 'date' } };
  const tried = [...new Set([...(options.preferred && !dateFormatProblem(options.preferred) ? [options.preferred] : []), ...DATE_FORMATS])];
  const fits = tried.filter((f) => reads(dateSpec(f)));
  const first = fits[0];
  if (first === undefined) return { name, spec: { type: 'string' } };
  // 03/04/2026 reads as March 4 and as 3 April: say so rather than pick silently.
  const rival = fits.find((f) => f !== first && sameParts(f, first));
  return { name, spec: dateSpec(first), note: rival ? `every cell also reads as "${rival}": check which the source uses` : undefined };
}

/** Two formats with the same separators and the same directives in another order (%m/%d against %d/%m). */
function sameParts(a: string, b: string): boolean {
  const shape = (f: string) => f.replace(/%[a-zA-Z]/g, '%');
  const parts = (f: string) => [...f.matchAll(/%[a-zA-Z]/g)].map((m) => m[0]).sort().join();
  return shape(a) === shape(b) && parts(a) === parts(b);
}
