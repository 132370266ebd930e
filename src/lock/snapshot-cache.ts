import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { store } from '../cache/stores.ts';
import { projectRoot } from '../core/paths.ts';
import { fileDigest } from '../data/file-digest.ts';
import type { Snapshot } from './lock-types.ts';

const INPUTS = ['content', 'data', 'src', 'package-lock.json'];
/** Files above this are digested through fileDigest; below, reading them is cheaper than its cache entry. */
const LARGE = 1024 * 1024;

/**
 * A digest of every input a snapshot depends on: issue sources, data, Tally's own code and the
 * installed versions. Content, not modification times, so a cached snapshot is never stale.
 */
export function snapshotInputsDigest(root = projectRoot()): string {
  const hash = createHash('sha256');
  const visit = (rel: string): void => {
    const abs = path.join(root, rel);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(rel, name));
    } else if (stat.size > LARGE) {
      // A large data file by its digest, kept by its stamp (read in chunks, once per change of the
      // file, not whole into memory on every build).
      hash.update(`${rel}\0${stat.size}\0${fileDigest(abs) ?? ''}\0`);
    } else {
      hash.update(`${rel}\0${stat.size}\0`).update(fs.readFileSync(abs));
    }
  };
  for (const input of INPUTS) visit(input);
  return hash.digest('hex');
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
