import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths.ts';
import { store } from './stores.ts';
import { linkedFileStamp, sha256, writeAtomicAsync } from './verified-entry.ts';

/**
 * The chart files the site publishes (/charts/<issue>/<chart>.json and .csv), kept by content
 * in `.tally-cache/chart-files/files/<sha256>.<ext>` and hard-linked into the output at the
 * build's end, so a warm build neither renders nor copies them. The chart cache writes them here
 * when it makes a chart (src/charts/chart-artifacts.ts), and names them by digest in its entry.
 * Beside them, one record per page, under its page key: each chart the page rendered (its spec
 * ref, where it is used, the digests of its two files). A page's record is read once per build:
 * it lists the page's charts (so a copied page's MDX need not be parsed again) and the files to
 * verify and link.
 *
 * A file is trusted while its size, modification time and inode are those noted when it was
 * last digested; otherwise it is read and digested again, and deleted when it no longer matches
 * its name. The change time is not part of that stamp: linking a file into the output changes it.
 */

export type ChartFileKind = 'json' | 'csv';
export type ChartFileDigests = Record<ChartFileKind, string>;
export const CHART_FILE_KINDS: readonly ChartFileKind[] = ['json', 'csv'];

/** One chart of a page's record: the spec as the page names it, where it is used, and its files. */
export interface RecordedChart {
  ref: string;
  usage: { file: string; line?: number | undefined; column?: number | undefined };
  digests: ChartFileDigests;
}

export interface ChartFileStore {
  readonly dir: string;
  /**
   * Stores the bytes (unless a verified copy is there already, or is being written); resolves to
   * their digest once the file is there. Written on Node's thread pool: the chart cache calls it
   * from the build's main thread.
   */
  put(bytes: Uint8Array, kind: ChartFileKind): Promise<string>;
  /** The stored file's path when it holds the bytes its name says; a file that does not is deleted. */
  verified(digest: string, kind: ChartFileKind): string | undefined;
  /** Records a page's charts under its page key (not written again when the same record is there). */
  writeRecord(pageKey: string, charts: readonly RecordedChart[]): void;
  readRecord(pageKey: string): RecordedChart[] | undefined;
  /** The page's charts when its record is there and every file it names verifies. */
  recordVerified(pageKey: string): RecordedChart[] | undefined;
  /** Writes the stamps of the files digested so far, for the next build (when they changed). */
  saveStamps(): void;
  /** Removes every record and every file not named. */
  prune(keptRecords: Iterable<string>, keptFiles: Iterable<ChartFileDigests>): void;
}

const STAMPS = 'stamps';

interface State {
  stamps: Map<string, string>;
  /** The stamps differ from the ones last saved (or loaded). */
  changed: boolean;
}

export function chartFileStore(root = projectRoot()): ChartFileStore {
  const s = store('chart-files', root);
  const filesDir = path.join(s.dir, 'files');
  const fileName = (digest: string, kind: ChartFileKind) => `${digest}.${kind}`;
  const state = stateOf(s.dir, () => {
    const saved = s.readJson(STAMPS);
    const stamps = new Map<string, string>();
    if (saved && typeof saved === 'object') for (const [k, v] of Object.entries(saved)) if (typeof v === 'string') stamps.set(k, v);
    return { stamps, changed: false };
  });
  const setStamp = (name: string, stamp: string) => {
    if (state.stamps.get(name) === stamp) return;
    state.stamps.set(name, stamp);
    state.changed = true;
  };
  const dropStamp = (name: string) => {
    if (state.stamps.delete(name)) state.changed = true;
  };
  const recordKeyOf = (pageKey: string) => s.key('page', pageKey);

  const verified = (digest: string, kind: ChartFileKind): string | undefined => {
    if (!/^[0-9a-f]{64}$/.test(digest)) return undefined;
    const name = fileName(digest, kind);
    const abs = path.join(filesDir, name);
    const before = linkedFileStamp(abs);
    if (!before) {
      dropStamp(name);
      return undefined;
    }
    if (state.stamps.get(name) === before) return abs;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch {
      return undefined;
    }
    if (sha256(bytes) !== digest || linkedFileStamp(abs) !== before) {
      fs.rmSync(abs, { force: true });
      dropStamp(name);
      return undefined;
    }
    setStamp(name, before);
    return abs;
  };

  const readRecord = (pageKey: string): RecordedChart[] | undefined => {
    const r = s.readJson(recordKeyOf(pageKey)) as { charts?: unknown } | undefined;
    return Array.isArray(r?.charts) && r.charts.every(isRecordedChart) ? r.charts : undefined;
  };

  const writing = new Map<string, Promise<string>>();

  return {
    dir: s.dir,
    put(bytes, kind) {
      const digest = sha256(bytes);
      const name = fileName(digest, kind);
      const inFlight = writing.get(name);
      if (inFlight) return inFlight;
      if (verified(digest, kind)) return Promise.resolve(digest);
      const abs = path.join(filesDir, name);
      const job = writeAtomicAsync(abs, bytes)
        .then((written) => {
          const stamp = written && linkedFileStamp(abs);
          if (stamp) setStamp(name, stamp);
          return digest;
        })
        .finally(() => writing.delete(name));
      writing.set(name, job);
      return job;
    },
    verified,
    writeRecord(pageKey, charts) {
      const text = JSON.stringify({ charts: charts.map(({ ref, usage, digests }) => ({ ref, usage: { file: usage.file, line: usage.line, column: usage.column }, digests: { json: digests.json, csv: digests.csv } })) });
      const key = recordKeyOf(pageKey);
      if (s.readText(key) !== text) s.write(key, text);
    },
    readRecord,
    recordVerified(pageKey) {
      const charts = readRecord(pageKey);
      return charts?.every((c) => CHART_FILE_KINDS.every((kind) => verified(c.digests[kind], kind) !== undefined)) ? charts : undefined;
    },
    saveStamps() {
      // Unchanged since loaded or saved: a warm build need not write them again.
      if (!state.changed) return;
      if (s.write(STAMPS, JSON.stringify(Object.fromEntries([...state.stamps].sort(([a], [b]) => a.localeCompare(b)))))) state.changed = false;
    },
    prune(keptRecords, keptFiles) {
      const records = new Set([...keptRecords].map((pageKey) => path.basename(s.path(recordKeyOf(pageKey)))));
      const files = new Set([...keptFiles].flatMap((d) => CHART_FILE_KINDS.map((kind) => fileName(d[kind], kind))));
      for (const entry of safeReaddir(s.dir)) {
        if (entry === 'files' || !/^[0-9a-f]{2}$/.test(entry)) continue;
        const sub = path.join(s.dir, entry);
        for (const name of safeReaddir(sub)) if (!records.has(name)) fs.rmSync(path.join(sub, name), { force: true });
      }
      for (const name of safeReaddir(filesDir)) {
        if (files.has(name)) continue;
        fs.rmSync(path.join(filesDir, name), { force: true });
        dropStamp(name);
      }
    },
  };
}

function isRecordedChart(v: unknown): v is RecordedChart {
  const c = v as Partial<RecordedChart> | null;
  const optional = (n: unknown) => n === undefined || typeof n === 'number';
  return (
    typeof c === 'object' && c !== null && typeof c.ref === 'string' &&
    typeof c.usage === 'object' && c.usage !== null && typeof c.usage.file === 'string' && optional(c.usage.line) && optional(c.usage.column) &&
    typeof c.digests === 'object' && c.digests !== null && typeof c.digests.json === 'string' && typeof c.digests.csv === 'string'
  );
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** On globalThis: the pages (which verify and store) and the integration (which links and saves the stamps) are different module instances. */
function stateOf(dir: string, load: () => State): State {
  const slot = globalThis as { __tallyChartFileStores?: Map<string, State> };
  const states = (slot.__tallyChartFileStores ??= new Map());
  let state = states.get(dir);
  if (!state) states.set(dir, (state = load()));
  return state;
}
