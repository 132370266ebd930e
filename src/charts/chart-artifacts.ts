import fs from 'node:fs';
import path from 'node:path';
import type { ChartFileDigests, ChartFileKind, ChartFileStore } from '../cache/chart-file-store.ts';
import { readEntry, readEntryText, writeEntryAsync } from '../cache/verified-entry.ts';
import { buildChart, type ChartInput, type ChartModel } from './build-chart.ts';
import { chartInputKey } from './chart-input-key.ts';
import { tableCsv } from './data-table.ts';
import { readSpec } from './read-spec.ts';
import type { RenderCache } from './render-cache.ts';

/** A chart as its page, its "Sources and method" entry and the feed show it; its rows as CSV and its interactive file are kept by content. */
export type ChartArtifact = Omit<ChartModel, 'spec' | 'rows'>;

/** The digests of a chart's published files in the chart file store; no `json` when no interactive file was compiled. */
type ArtifactFiles = Partial<ChartFileDigests> & { csv: string };

interface Kept {
  artifact: ChartArtifact;
  files: ArtifactFiles;
}

/**
 * Makes the interactive layer's file for a chart's spec with every row (not changed): the build's
 * chart workers, with the main thread (src/build/chart-renderer.ts). `specJson` is the spec as
 * JSON, when the caller made it already.
 */
export type InteractiveCompiler = (spec: Record<string, unknown>, specJson?: string) => Promise<string>;

export interface ArtifactStoreOptions {
  /** A folder that survives builds, e.g. `.tally-cache/artifacts/`. */
  dir: string;
  /** The code version: it covers the interactive compile too (src/cache/stores.ts), whose file is kept here. */
  codeVersion: string;
  renderer: RenderCache;
  /**
   * Where the chart's CSV and interactive file are written, once, by content: the very files the
   * site publishes (src/build/chart-files.ts), so they are neither written twice nor read back
   * and hashed again to be published.
   */
  files: ChartFileStore;
  /**
   * Where the interactive layer's file is compiled when a chart is made, kept in the spec's
   * stead; without it (charts drawn in the main thread) the spec is kept, and the chart route
   * compiles the file itself.
   */
  interactive?: InteractiveCompiler | undefined;
}

export interface ArtifactStore {
  /** The chart made from these inputs: from memory, from disk, or prepared and rendered once. */
  get(input: ChartInput): Promise<{ artifact: ChartArtifact; key: string | undefined }>;
  /** Makes the chart unless it is on disk already; reads nothing back (the prefetch). */
  warm(input: ChartInput): Promise<void>;
  /** The key `get` would use for these inputs (undefined when they cannot be resolved). */
  keyOf(input: ChartInput): string | undefined;
  /**
   * The bound spec's JSON with every row, as bytes, for a key of a chart made before without its
   * interactive file (none was compiled, or the compile failed): what the route compiles it from.
   */
  specJson(key: string): Buffer<ArrayBuffer> | undefined;
  /** The interactive layer's file (src/charts/interactive-spec.ts), as bytes, if it was compiled when the chart was made. */
  interactiveJson(key: string): Buffer<ArrayBuffer> | undefined;
  /** Every row of the chart's primary data as CSV (data-table.ts tableCsv), as bytes, for a key of a chart made before. */
  csv(key: string): Buffer<ArrayBuffer> | undefined;
  /** The digest of a chart's file in the chart file store, while that file is there and verifies. */
  fileDigest(key: string, kind: ChartFileKind): string | undefined;
  readonly stats: { memory: number; disk: number; made: number };
}

const KEPT_IN_MEMORY = 16;

/**
 * Charts cached whole, keyed by their inputs (chart-input-key.ts): a warm build neither binds
 * data nor serializes rows, it reads one file per chart. A page asks for each chart twice
 * (its "Sources and method" entry, then the figure), so the last few are also kept in memory.
 * Below this store, the render cache (keyed by the bound spec) still saves the drawing when the
 * inputs changed but the bound data did not, e.g. a row added after the issue's asOf.
 */
export function createArtifactStore(options: ArtifactStoreOptions): ArtifactStore {
  const memory = new Map<string, Kept>();
  const pending = new Map<string, Promise<Kept>>();
  /**
   * The interactive file's digest in the chart file store, by the digest of the spec JSON it
   * was compiled from: charts of other inputs bound to the same spec (the same data cut at the
   * same date, shown by several issues) are compiled once. In the bench corpus, 2,000 charts
   * held 1,080 distinct specs. Only specs the renderer serialized (drawn with every row): a long
   * series drawn sampled is not written to JSON at all.
   */
  const compiled = new Map<string, Promise<string | undefined>>();
  const stats = { memory: 0, disk: 0, made: 0 };
  const fileOf = (key: string, ext: string) => path.join(options.dir, key.slice(0, 2), `${key}${ext}`);

  const remember = (key: string, kept: Kept) => {
    memory.delete(key);
    memory.set(key, kept);
    if (memory.size > KEPT_IN_MEMORY) memory.delete(memory.keys().next().value!);
  };

  const make = (key: string, input: ChartInput): Promise<Kept> => {
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const job = (async () => {
      stats.made++;
      const { spec, rows, ...artifact } = await buildChart(input, options.renderer);
      // A spec drawn with every row is the very object the renderer keyed, and serialized then;
      // a long series drawn sampled has its rows written to JSON here only if it must be kept.
      const serialized = options.renderer.serializedOf?.(spec);
      // The rows are bound already: the CSV route need not bind them again.
      const files: ArtifactFiles = { csv: await options.files.put(Buffer.from(tableCsv(rows), 'utf8'), 'csv') };
      // The interactive file is made as the chart is, its compile in a worker while others draw
      // (Vega-Lite's compile and Vega's parse per layout, tens of milliseconds a chart), rather
      // than in the build's main thread when the chart route is rendered. If it fails, or no
      // worker compiles (charts drawn in the main thread), the spec is kept instead, for the
      // route to compile it and raise what it raises: written for every chart, the specs with
      // every row were 570 MB of a cold 500-issue build's cache, read by nothing.
      const json = options.interactive && (await compileOnce(spec, serialized, options.interactive));
      if (json) files.json = json;
      else await writeEntryAsync(fileOf(key, '.spec.json'), serialized?.json ?? JSON.stringify(spec));
      // Last: an artifact on disk names its files, and has its interactive file or its spec.
      await writeEntryAsync(fileOf(key, '.chart'), serialize(artifact, files));
      const kept = { artifact, files };
      remember(key, kept);
      return kept;
    })().finally(() => pending.delete(key));
    pending.set(key, job);
    return job;
  };

  /**
   * The digest of the interactive file made for this spec, stored; undefined when the compile
   * failed. Made once per spec JSON when the renderer serialized the spec (for its key) already.
   */
  const compileOnce = async (spec: Record<string, unknown>, serialized: { json: string; digest: string } | undefined, compile: InteractiveCompiler): Promise<string | undefined> => {
    const known = serialized && compiled.get(serialized.digest);
    const digest = known && (await known);
    // Kept while its file is: a later build in this process may have pruned it.
    if (digest && options.files.verified(digest, 'json') !== undefined) return digest;
    const job = compile(spec, serialized?.json).then(
      (interactive) => options.files.put(Buffer.from(interactive, 'utf8'), 'json'),
      () => undefined,
    );
    if (serialized) compiled.set(serialized.digest, job);
    return job;
  };

  /** Its files are still there (the chart file store keeps only what the last build published). */
  const whole = (key: string, { files }: Kept) =>
    options.files.verified(files.csv, 'csv') !== undefined && (files.json !== undefined ? options.files.verified(files.json, 'json') !== undefined : fs.existsSync(fileOf(key, '.spec.json')));

  /** The chart's files as recorded: from memory, or from its entry on disk. */
  const filesOf = (key: string): ArtifactFiles | undefined => (memory.get(key) ?? readArtifact(fileOf(key, '.chart')))?.files;

  /** The chart's file of this kind in the chart file store, while it is there and verifies. */
  const stored = (key: string, kind: ChartFileKind): { digest: string; file: string } | undefined => {
    const digest = filesOf(key)?.[kind];
    const file = digest === undefined ? undefined : options.files.verified(digest, kind);
    return file === undefined ? undefined : { digest: digest!, file };
  };

  const readFile = (key: string, kind: ChartFileKind): Buffer<ArrayBuffer> | undefined => {
    const file = stored(key, kind)?.file;
    if (file === undefined) return undefined;
    try {
      return fs.readFileSync(file);
    } catch {
      return undefined;
    }
  };

  const keyOf = (input: ChartInput) => chartInputKey(readSpec(input.ref, input.issueDir, input.usage), input.asOf, input.datasets, input.figures ?? new Map(), options.codeVersion);

  return {
    stats,
    async get(input) {
      const key = keyOf(input);
      if (!key) {
        const { spec: _s, rows: _r, ...artifact } = await buildChart(input, options.renderer);
        return { artifact, key };
      }
      const inMemory = memory.get(key);
      if (inMemory) {
        stats.memory++;
        remember(key, inMemory);
        return { artifact: inMemory.artifact, key };
      }
      const inFlight = pending.get(key);
      if (inFlight) return { artifact: (await inFlight).artifact, key };
      const onDisk = readArtifact(fileOf(key, '.chart'));
      if (onDisk && whole(key, onDisk)) {
        stats.disk++;
        remember(key, onDisk);
        return { artifact: onDisk.artifact, key };
      }
      return { artifact: (await make(key, input)).artifact, key };
    },
    async warm(input) {
      const key = keyOf(input);
      if (!key || memory.has(key) || pending.has(key) || fs.existsSync(fileOf(key, '.chart'))) return;
      await make(key, input);
    },
    keyOf,
    specJson(key) {
      return readEntry(fileOf(key, '.spec.json'));
    },
    interactiveJson: (key) => readFile(key, 'json'),
    csv: (key) => readFile(key, 'csv'),
    fileDigest: (key, kind) => stored(key, kind)?.digest,
  };
}

/**
 * One line of JSON (everything but the SVGs, with their lengths, and the files' digests), then
 * the two SVGs as they are: parsing 700 kB of SVG escaped inside JSON was most of a warm page's cost.
 */
function serialize(artifact: ChartArtifact, files: ArtifactFiles): string {
  const { svg, narrowSvg, ...meta } = artifact;
  return `${JSON.stringify({ ...meta, svgLengths: [svg.length, narrowSvg.length], files })}\n${svg}${narrowSvg}`;
}

const isDigest = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

function readArtifact(file: string): Kept | undefined {
  const text = readEntryText(file);
  if (text === undefined) return undefined;
  try {
    const eol = text.indexOf('\n');
    const { svgLengths, files, ...meta } = JSON.parse(text.slice(0, eol)) as Omit<ChartArtifact, 'svg' | 'narrowSvg'> & { svgLengths: [number, number]; files: ArtifactFiles };
    const [wide, narrow] = svgLengths;
    // A damaged or truncated entry is made again and replaced.
    if (text.length !== eol + 1 + wide + narrow || !Array.isArray(meta.sources) || !Array.isArray(meta.warnings) || typeof meta.table !== 'object') return undefined;
    if (!isDigest(files?.csv) || (files.json !== undefined && !isDigest(files.json))) return undefined;
    return { artifact: { ...meta, svg: text.slice(eol + 1, eol + 1 + wide), narrowSvg: text.slice(eol + 1 + wide) }, files: { csv: files.csv, ...(files.json !== undefined ? { json: files.json } : {}) } };
  } catch {
    return undefined;
  }
}
