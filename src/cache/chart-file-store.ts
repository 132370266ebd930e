import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths.ts';
import { store } from './stores.ts';
import { linkedFileStamp, sha256, writeAtomic } from './verified-entry.ts';

/**
 * The chart files the site publishes (/charts/<issue>/<chart>.json and .csv), kept by content
 * in `.tally-cache/chart-files/files/<sha256>.<ext>` and hard-linked into the output at the
 * build's end, so a warm build neither renders nor copies them. Beside them, one record per
 * chart of a page (`<page key>:<spec ref>` → the digests of its two files), written when the
 * page renders the chart.
 *
 * A file is trusted while its size, modification time and inode are those noted when it was
 * last digested; otherwise it is read and digested again, and deleted when it no longer matches
 * its name. The change time is not part of that stamp: linking a file into the output changes it.
 */

export type ChartFileKind = 'json' | 'csv';
export type ChartFileDigests = Record<ChartFileKind, string>;
export const CHART_FILE_KINDS: readonly ChartFileKind[] = ['json', 'csv'];

export interface ChartFileStore {
  readonly dir: string;
  /** Stores the bytes (unless a verified copy is there already); returns their digest. */
  put(bytes: Uint8Array, kind: ChartFileKind): string;
  /** The stored file's path when it holds the bytes its name says; a file that does not is deleted. */
  verified(digest: string, kind: ChartFileKind): string | undefined;
  writeRecord(recordKey: string, digests: ChartFileDigests): void;
  readRecord(recordKey: string): ChartFileDigests | undefined;
  /** True when the record is there and both its files verify. */
  recordVerified(recordKey: string): boolean;
  /** Writes the stamps of the files digested so far, for the next build. */
  saveStamps(): void;
  /** Removes every record and every file not named. */
  prune(keptRecords: Iterable<string>, keptFiles: Iterable<ChartFileDigests>): void;
}

const STAMPS = 'stamps';

interface State {
  stamps: Map<string, string>;
}

export function chartFileStore(root = projectRoot()): ChartFileStore {
  const s = store('chart-files', root);
  const filesDir = path.join(s.dir, 'files');
  const fileName = (digest: string, kind: ChartFileKind) => `${digest}.${kind}`;
  const state = stateOf(s.dir, () => {
    const saved = s.readJson(STAMPS);
    const stamps = new Map<string, string>();
    if (saved && typeof saved === 'object') for (const [k, v] of Object.entries(saved)) if (typeof v === 'string') stamps.set(k, v);
    return { stamps };
  });
  const recordKeyOf = (recordKey: string) => s.key(recordKey);

  const verified = (digest: string, kind: ChartFileKind): string | undefined => {
    if (!/^[0-9a-f]{64}$/.test(digest)) return undefined;
    const name = fileName(digest, kind);
    const abs = path.join(filesDir, name);
    const before = linkedFileStamp(abs);
    if (!before) {
      state.stamps.delete(name);
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
      state.stamps.delete(name);
      return undefined;
    }
    state.stamps.set(name, before);
    return abs;
  };

  const readRecord = (recordKey: string): ChartFileDigests | undefined => {
    const r = s.readJson(recordKeyOf(recordKey)) as Partial<ChartFileDigests> | undefined;
    return typeof r?.json === 'string' && typeof r.csv === 'string' ? { json: r.json, csv: r.csv } : undefined;
  };

  return {
    dir: s.dir,
    put(bytes, kind) {
      const digest = sha256(bytes);
      if (verified(digest, kind)) return digest;
      const abs = path.join(filesDir, fileName(digest, kind));
      if (writeAtomic(abs, bytes)) {
        const stamp = linkedFileStamp(abs);
        if (stamp) state.stamps.set(fileName(digest, kind), stamp);
      }
      return digest;
    },
    verified,
    writeRecord(recordKey, digests) {
      const text = JSON.stringify({ json: digests.json, csv: digests.csv });
      const key = recordKeyOf(recordKey);
      if (s.readText(key) !== text) s.write(key, text);
    },
    readRecord,
    recordVerified(recordKey) {
      const r = readRecord(recordKey);
      return !!r && CHART_FILE_KINDS.every((kind) => verified(r[kind], kind) !== undefined);
    },
    saveStamps() {
      s.write(STAMPS, JSON.stringify(Object.fromEntries([...state.stamps].sort(([a], [b]) => a.localeCompare(b)))));
    },
    prune(keptRecords, keptFiles) {
      const records = new Set([...keptRecords].map((recordKey) => path.basename(s.path(recordKeyOf(recordKey)))));
      const files = new Set([...keptFiles].flatMap((d) => CHART_FILE_KINDS.map((kind) => fileName(d[kind], kind))));
      for (const entry of safeReaddir(s.dir)) {
        if (entry === 'files' || !/^[0-9a-f]{2}$/.test(entry)) continue;
        const sub = path.join(s.dir, entry);
        for (const name of safeReaddir(sub)) if (!records.has(name)) fs.rmSync(path.join(sub, name), { force: true });
      }
      for (const name of safeReaddir(filesDir)) {
        if (files.has(name)) continue;
        fs.rmSync(path.join(filesDir, name), { force: true });
        state.stamps.delete(name);
      }
    },
  };
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
