import type { CalendarDate } from '../data/calendar-date.ts';
import { cutAsOf } from '../data/cut-as-of.ts';
import { loadDataFile } from '../data/load-table.ts';
import { fail } from '../core/errors.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import { encodedFields } from './data-table.ts';
import { lineOf, type SpecFile } from './read-spec.ts';

export interface BoundSpec {
  spec: Record<string, unknown>;
  /** The rows of the first data source, for the chart's data-table fallback. */
  primary: { rows: Record<string, unknown>[]; name: string } | undefined;
  sources: SourceRef[];
}

/**
 * Replaces every `data` of the spec (top level, layers, concats, lookups) by inline values:
 * a `url` by the rows of that file in data/, cut at the asOf; a `name` by a dataset of
 * the figures module. Vega never loads anything itself.
 */
export function bindSpecData(file: SpecFile, asOf: CalendarDate, datasets: ReadonlyMap<string, ComputedDataset>): BoundSpec {
  const sources = new Map<string, SourceRef>();
  let primary: BoundSpec['primary'];
  const inline = new Set(Object.keys((file.spec.datasets as Record<string, unknown> | undefined) ?? {}));
  // Columns of the data Tally binds, to check the fields the encodings read; unknown when the spec has data of its own.
  const columns = new Map<string, string[]>();
  let ownData = false;

  const bind = (data: Record<string, unknown>): Record<string, unknown> => {
    let rows: Record<string, unknown>[];
    let name: string;
    if (typeof data.url === 'string') {
      const loc = { file: file.file, line: lineOf(file.text, `"${data.url}"`) };
      const loaded = loadDataFile(data.url, loc);
      if (!loaded.table) fail('InvalidSpec', loc, `The spec reads ${data.url}, which has no declared columns in data/manifest.yaml; charts read tables.`);
      const table = cutAsOf(loaded.table, asOf);
      rows = table.rows.map((r) => ({ ...r }));
      name = loaded.entry.file;
      columns.set(name, Object.keys(loaded.table.columns));
      const ref = sources.get(name) ?? { file: name, columns: [], latest: false };
      sources.set(name, ref);
    } else if (typeof data.name === 'string' && !inline.has(data.name)) {
      const ds = datasets.get(data.name);
      if (!ds) fail('UnknownDataset', { file: file.file, line: lineOf(file.text, `"${data.name}"`) }, data.name, [...datasets.keys()]);
      rows = ds.rows;
      name = data.name;
      if (rows.length) columns.set(name, [...new Set(rows.slice(0, 1000).flatMap((r) => Object.keys(r)))]);
      else ownData = true; // no row to learn the columns from
      for (const s of ds.sources) sources.set(s.file, s);
    } else {
      ownData = true;
      return data;
    }
    primary ??= { rows, name };
    const { url: _url, name: _name, format, ...rest } = data;
    const keep = typeof format === 'object' && format && 'parse' in format ? { format: { parse: (format as { parse: unknown }).parse } } : {};
    return { ...rest, ...keep, values: rows };
  };

  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === 'data' && typeof v === 'object' && v !== null && !Array.isArray(v) ? bind(walk(v) as Record<string, unknown>) : walk(v);
    }
    return out;
  };

  const spec = walk(file.spec) as Record<string, unknown>;
  if (!ownData) checkEncodedFields(file, columns);
  return { spec, primary, sources: [...sources.values()] };
}

/**
 * A field that no bound data has would make Vega draw an empty chart without a word: fail
 * instead, with the spec's line and the columns it could have meant. Fields a transform
 * creates (`as`, lookups, folds) are left alone: any name written in a transform counts.
 */
function checkEncodedFields(file: SpecFile, columns: ReadonlyMap<string, string[]>): void {
  if (columns.size === 0) return;
  const known = new Set([...columns.values()].flat());
  const created = new Set<string>();
  const collect = (node: unknown, inTransform: boolean): void => {
    if (typeof node === 'string' && inTransform) created.add(node);
    else if (Array.isArray(node)) node.forEach((n) => collect(n, inTransform));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) collect(v, inTransform || k === 'transform');
  };
  collect(file.spec, false);
  for (const field of encodedFields(file.spec)) {
    // "a.b" reads b inside a; "a\.b" is a column named "a.b".
    const head = field.includes('\\.') ? field.replace(/\\\./g, '.') : field.split('.')[0]!;
    if (known.has(head) || created.has(field) || created.has(head)) continue;
    const [name, cols] = [...columns][0]!;
    fail('UnknownColumn', { file: file.file, line: lineOf(file.text, `"${field}"`) }, field, name, cols);
  }
}
