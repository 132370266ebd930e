import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { store } from '../cache/stores.ts';
import { projectRoot } from '../core/paths.ts';
import { sha256, statsStamp } from '../cache/verified-entry.ts';
import { fileDigest } from '../data/file-digest.ts';
import type { Snapshot } from './lock-types.ts';

const INPUTS = ['content', 'data', 'src', 'package-lock.json'];
/** Files above this are digested through fileDigest; below, reading them is cheaper than its cache entry. */
const LARGE = 1024 * 1024;

/** The sha256 of each small input file by its stamp, from the last digest of the inputs: one entry for all of them. */
const FILES = 'input-files';

/**
 * A digest of every input a snapshot depends on: issue sources, data, Tally's own code and the
 * installed versions. Content, not modification times, so a cached snapshot is never stale.
 * Each file enters by its path, size and sha256; a small file's sha256 is taken again only when
 * its stamp (size, modification and change times, inode) is not the one it was taken at: any
 * write, copy or restore gives a new change time, which no tool sets back.
 */
export function snapshotInputsDigest(root = projectRoot()): string {
  const kept = store('lock-snapshot', root);
  const known = readFileDigests(kept.readJson(FILES));
  const next: Record<string, [string, string]> = {};
  let changed = false;
  const hash = createHash('sha256');
  const file = (rel: string, abs: string, stat: fs.Stats): void => {
    if (stat.size > LARGE) {
      // A large data file by its digest, kept by its stamp (read in chunks, once per change of the
      // file, not whole into memory on every build).
      hash.update(`${rel}\0${stat.size}\0${fileDigest(abs) ?? ''}\0`);
      return;
    }
    const stamp = statsStamp(stat);
    const hit = known.get(rel);
    let digest: string;
    if (hit?.[0] === stamp) digest = hit[1];
    else {
      digest = sha256(fs.readFileSync(abs));
      changed = true;
    }
    // Kept only when the file did not change while it was read.
    if (hit?.[0] === stamp || statStamp(abs) === stamp) next[rel] = [stamp, digest];
    hash.update(`${rel}\0${stat.size}\0${digest}\0`);
  };
  const visit = (rel: string): void => {
    const abs = path.join(root, rel);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      return;
    }
    if (!stat.isDirectory()) return file(rel, abs, stat);
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) {
        const childAbs = path.join(abs, entry.name);
        try {
          file(child, childAbs, fs.statSync(childAbs));
        } catch {
          // Gone since the folder was listed.
        }
      } else visit(child); // a link or another kind: followed, as statSync does
    }
  };
  for (const input of INPUTS) visit(input);
  if (changed || Object.keys(next).length !== known.size) kept.write(FILES, JSON.stringify(next));
  return hash.digest('hex');
}

function statStamp(abs: string): string | undefined {
  try {
    return statsStamp(fs.statSync(abs));
  } catch {
    return undefined;
  }
}

function readFileDigests(v: unknown): Map<string, [string, string]> {
  const map = new Map<string, [string, string]>();
  if (typeof v !== 'object' || v === null) return map;
  for (const [rel, e] of Object.entries(v)) if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1])) map.set(rel, [e[0], e[1]]);
  return map;
}

/** One entry, replaced by each new snapshot: only the latest inputs are worth keeping. */
const LATEST = 'latest';

/** The snapshot taken last time for exactly these inputs, if any. */
export function readCachedSnapshot(digest: string, root = projectRoot()): Snapshot | undefined {
  const cached = store('lock-snapshot', root).readJson(LATEST) as { digest?: string; snapshot?: Snapshot } | undefined;
  return cached?.digest === digest ? cached.snapshot : undefined;
}

/** Stores a snapshot (written whole, verified when read). */
export function writeCachedSnapshot(digest: string, snapshot: Snapshot, root = projectRoot()): void {
  store('lock-snapshot', root).write(LATEST, JSON.stringify({ digest, snapshot }));
}
