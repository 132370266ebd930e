import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readEntryText, writeEntryAsync } from '../cache/verified-entry.ts';
import type { RenderedSvg } from './render-svg.ts';
import type { LayoutName } from './chart-layout.ts';

/** Renders one bound spec in one layout: in this thread, or in a worker of the pool. `specJson` is the spec as JSON, when the caller has it. */
export type Renderer = (spec: Record<string, unknown>, file: string, layout: LayoutName, specJson?: string) => Promise<RenderedSvg>;

export interface RenderCacheOptions {
  /** A folder that survives builds, e.g. `.tally-cache/charts/`. */
  dir: string;
  /** Changes whenever the rendering code or the vega / vega-lite versions change (src/cache/stores.ts). */
  codeVersion: string;
  render: Renderer;
}

export interface RenderCache {
  /** The chart's SVG from the cache, or rendered (once, however many callers ask at the same time) and stored. */
  render: Renderer;
  /** Renders into the cache unless the entry is already on disk; does not read it back. */
  warm(spec: Record<string, unknown>, file: string, layout: LayoutName): Promise<void>;
  key(spec: Record<string, unknown>, layout: LayoutName): string;
  /** The JSON this cache made of this very spec object for its key, and its sha256, if it made one: a spec is never changed after binding. */
  serializedOf?(spec: Record<string, unknown>): { json: string; digest: string } | undefined;
  readonly stats: { hits: number; renders: number };
}

/**
 * A disk cache of rendered charts keyed by a digest of every input: the bound spec (data values
 * included), the layout and the code version. Entries are written to a temp file and renamed into
 * place, so a crashed or concurrent build never leaves half a file; requests for a key already
 * being rendered share its promise.
 */
export function createRenderCache(options: RenderCacheOptions): RenderCache {
  const pending = new Map<string, Promise<RenderedSvg>>();
  const stats = { hits: 0, renders: 0 };
  // Serializing a bound spec of 20,000 rows costs milliseconds: digest each spec object once,
  // for both layouts. Bound specs are fresh objects, never mutated after binding.
  // The JSON goes to the worker as is: a string crosses threads faster than 20,000 row objects.
  const serialized = new WeakMap<object, { json: string; digest: string }>();
  const specJson = (spec: Record<string, unknown>) => {
    let s = serialized.get(spec);
    if (!s) {
      const json = JSON.stringify(spec);
      serialized.set(spec, (s = { json, digest: createHash('sha256').update(json).digest('hex') }));
    }
    return s;
  };
  const key = (spec: Record<string, unknown>, layout: LayoutName) =>
    createHash('sha256').update(options.codeVersion).update('\0').update(layout).update('\0').update(specJson(spec).digest).digest('hex');
  const fileOf = (k: string) => path.join(options.dir, k.slice(0, 2), `${k}.svg-entry`);

  const produce = (k: string, spec: Record<string, unknown>, file: string, layout: LayoutName): Promise<RenderedSvg> => {
    const inFlight = pending.get(k);
    if (inFlight) return inFlight;
    const job = (async () => {
      stats.renders++;
      const rendered = await options.render(spec, file, layout, specJson(spec).json);
      await writeEntryAsync(fileOf(k), serialize(rendered));
      return rendered;
    })().finally(() => pending.delete(k));
    pending.set(k, job);
    return job;
  };

  return {
    stats,
    key,
    serializedOf: (spec) => serialized.get(spec),
    async render(spec, file, layout) {
      const k = key(spec, layout);
      const inFlight = pending.get(k);
      if (inFlight) return inFlight;
      const cached = load(fileOf(k));
      if (cached) {
        stats.hits++;
        return cached;
      }
      return produce(k, spec, file, layout);
    },
    async warm(spec, file, layout) {
      const k = key(spec, layout);
      if (pending.has(k) || fs.existsSync(fileOf(k))) return;
      await produce(k, spec, file, layout);
    },
  };
}

/**
 * One line of JSON (all but the SVG, with its length), then the SVG as it is: a hit read the
 * SVG back from a JSON string, escapes and all, which cost more than the file read.
 */
function serialize(rendered: RenderedSvg): string {
  const { svg, ...meta } = rendered;
  return `${JSON.stringify({ ...meta, svgLength: svg.length })}\n${svg}`;
}

/** A rendered chart from disk; a missing or damaged entry is rendered again and replaced. */
function load(file: string): RenderedSvg | undefined {
  const text = readEntryText(file);
  if (text === undefined) return undefined;
  const eol = text.indexOf('\n');
  if (eol < 0) return undefined;
  try {
    const { svgLength, ...meta } = JSON.parse(text.slice(0, eol)) as Omit<RenderedSvg, 'svg'> & { svgLength: unknown };
    if (svgLength !== text.length - eol - 1 || !Array.isArray(meta.warnings)) return undefined;
    return { svg: text.slice(eol + 1), ...meta };
  } catch {
    return undefined;
  }
}
