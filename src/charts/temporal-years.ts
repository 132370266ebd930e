import { fail } from '../core/errors.ts';
import { encodingFields, mapInlineData } from './inline-data.ts';
import { lineOf, type SpecFile } from './read-spec.ts';
import { transformsOf } from './transform-columns.ts';

const isYear = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 3000;

/**
 * A number column plotted as time is read by Vega as milliseconds since 1970: a `Year` column of
 * 1900…2010 would draw as the first two seconds of 1970. Whole numbers from 1000 to 3000 in a
 * field an encoding reads as time (a temporal type or a time unit) become the first day of that
 * year ("1990-01-01"). A transform that also reads the field would see the dates, not the
 * numbers, so that spec is refused with the ways out instead. `records`: as mapInlineData's.
 */
export function datesForYears(spec: Record<string, unknown>, file: SpecFile, records?: WeakSet<readonly unknown[]>): Record<string, unknown> {
  const temporal = encodingFields(spec, (d) => d.type === 'temporal' || (d.timeUnit !== undefined && d.type !== 'quantitative'));
  if (temporal.size === 0) return spec;
  const transforms = JSON.stringify(transformsOf(spec));
  return mapInlineData(spec, (rows) => {
    let out = rows;
    for (const field of temporal) {
      const first = firstYear(rows, field);
      if (first === undefined) continue;
      if (readByTransform(transforms, field)) {
        fail('InvalidSpec', { file: file.file, line: lineOf(file.text, `"${field}"`) }, `The field "${field}" is plotted as time, but it holds years as numbers (e.g. ${String(first)}), which Vega reads as milliseconds since 1970; a transform of the spec also reads "${field}", so Tally cannot turn the years into dates for you. Write the years as dates in the data ("${String(first)}-01-01"), or plot "${field}" with "type": "ordinal" or "quantitative".`);
      }
      out = out.map((r) => (isYear(r[field]) ? { ...r, [field]: `${String(r[field]).padStart(4, '0')}-01-01` } : r));
    }
    return out;
  }, records);
}

/** The field's first value when every row holding one holds a year (and one does); undefined otherwise. */
function firstYear(rows: readonly Record<string, unknown>[], field: string): unknown {
  let first: unknown;
  for (const r of rows) {
    const v = r[field];
    if (v === null || v === undefined) continue;
    if (!isYear(v)) return undefined;
    first ??= v;
  }
  return first;
}

function readByTransform(transforms: string, field: string): boolean {
  const esc = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`"${esc}"|datum\\.${esc}\\b|datum\\[\\\\?["']${esc}\\\\?["']\\]`).test(transforms);
}
