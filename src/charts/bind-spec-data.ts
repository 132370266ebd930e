import type { CalendarDate } from '../data/calendar-date.ts';
import { cutAsOf } from '../data/cut-as-of.ts';
import { loadDataFile } from '../data/load-table.ts';
import { fail } from '../errors.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
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

  const bind = (data: Record<string, unknown>): Record<string, unknown> => {
    let rows: Record<string, unknown>[];
    let name: string;
    if (typeof data.url === 'string') {
      const loc = { file: file.file, line: lineOf(file.text, `"${data.url}"`) };
      const loaded = loadDataFile(data.url, loc);
      if (!loaded.table) fail('InvalidSpec', loc, `${file.file} reads ${data.url}, which has no declared columns in data/manifest.yaml; charts read tables.`);
      const table = cutAsOf(loaded.table, asOf);
      rows = table.rows.map((r) => ({ ...r }));
      name = loaded.entry.file;
      const ref = sources.get(name) ?? { file: name, columns: [], latest: false };
      sources.set(name, ref);
    } else if (typeof data.name === 'string' && !inline.has(data.name)) {
      const ds = datasets.get(data.name);
      if (!ds) fail('UnknownDataset', { file: file.file, line: lineOf(file.text, `"${data.name}"`) }, data.name, [...datasets.keys()]);
      rows = ds.rows;
      name = data.name;
      for (const s of ds.sources) sources.set(s.file, s);
    } else {
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
  return { spec, primary, sources: [...sources.values()] };
}
