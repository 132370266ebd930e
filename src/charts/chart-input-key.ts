import { createHash } from 'node:crypto';
import type { CalendarDate } from '../data/calendar-date.ts';
import { fileDigest } from '../data/file-digest.ts';
import { manifestEntry } from '../data/manifest.ts';
import { resolveDataPath } from '../data/resolve-data-path.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import { findPlaceholders, type FigureText } from '../figures/placeholders.ts';
import { specTexts } from './fill-spec-text.ts';
import { specDataRefs, type SpecFile } from './read-spec.ts';

/**
 * A digest of everything a chart is made from, found without binding its data: the spec's
 * text, the asOf, the bytes and manifest entry of every data file it reads, the values
 * of every figures dataset it names, the value and text of every figure its texts name
 * (`{{figure}}`), and the code version. Two builds that agree on it draw the
 * same chart, so a warm build reads the chart from the cache without touching its rows.
 * Undefined when a data reference cannot be resolved: the chart is then prepared in full,
 * which raises the located error.
 */
export function chartInputKey(
  file: SpecFile,
  asOf: CalendarDate,
  datasets: ReadonlyMap<string, ComputedDataset>,
  figures: ReadonlyMap<string, FigureText>,
  codeVersion: string,
): string | undefined {
  const hash = createHash('sha256').update(`${codeVersion}\0${file.file}\0${asOf}\0`).update(file.text);
  for (const text of specTexts(file.spec)) {
    for (const p of findPlaceholders(text.text)) {
      const figure = figures.get(p.name);
      if (!figure) return undefined;
      hash.update(`\0figure:${p.name}\0${JSON.stringify([figure.value, figure.rendered])}`);
    }
  }
  const inline = new Set(Object.keys((file.spec.datasets as Record<string, unknown> | undefined) ?? {}));
  for (const data of specDataRefs(file.spec)) {
    if (typeof data.url === 'string') {
      let resolved: { abs: string; file: string };
      try {
        resolved = resolveDataPath(data.url, undefined, file.file);
      } catch {
        return undefined;
      }
      const digest = fileDigest(resolved.abs);
      const entry = manifestEntry(resolved.file);
      if (!digest || !entry) return undefined;
      hash.update(`\0url:${data.url}\0${digest}\0${JSON.stringify(entry)}`);
    } else if (typeof data.name === 'string' && !inline.has(data.name)) {
      const ds = datasets.get(data.name);
      if (!ds) return undefined;
      hash.update(`\0dataset:${data.name}\0${datasetDigest(ds)}`);
    }
  }
  return hash.digest('hex');
}

const datasetDigests = new WeakMap<ComputedDataset, string>();

/** Computed datasets are fresh objects per computation and never mutated: digest each once. */
function datasetDigest(ds: ComputedDataset): string {
  let d = datasetDigests.get(ds);
  if (!d) datasetDigests.set(ds, (d = createHash('sha256').update(JSON.stringify([ds.rows, ds.sources])).digest('hex')));
  return d;
}
