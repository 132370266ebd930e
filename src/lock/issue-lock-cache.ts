import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readSpec } from '../charts/read-spec.ts';
import { store } from '../cache/stores.ts';
import { fileDigest } from '../data/file-digest.ts';
import { dataReadsUnchanged, noteDataReads, type DataReads } from '../data/data-reads.ts';
import { figuresKey } from '../issues/figures-cache.ts';
import { findCharts, type ChartUsage } from '../issues/scan-usages.ts';
import type { IssueLock } from './lock-types.ts';
import type { IssueSource } from '../issues/read-issues.ts';

/**
 * The disk key of an issue's lock entry: its front matter, every file of its folder, the specs
 * it draws (which may live elsewhere), the figures key and the lock code. Undefined when the
 * figures module depends on more than its folder and data (see issues/figures-cache.ts). The
 * data files read are checked apart, against the digests stored with the entry. `charts` gives
 * the issue's charts, for a caller that parses the MDX once for the key and the lock.
 */
export function issueLockKey(issue: IssueSource, charts: () => ChartUsage[] = () => findCharts(issue.text, issue.file)): string | undefined {
  const hash = createHash('sha256').update(`${store('lock-issues').version()}\0${issue.slug}\0${JSON.stringify(issue.data)}\0`);
  if (fs.existsSync(path.join(issue.dir, 'figures.ts'))) {
    const figures = figuresKey(issue.dir, issue.data.asOf);
    if (!figures) return undefined;
    hash.update(figures);
  }
  for (const name of (fs.readdirSync(issue.dir, { recursive: true }) as string[]).sort()) {
    const digest = fileDigest(path.join(issue.dir, name));
    if (digest) hash.update(`${name}\0${digest}\0`);
  }
  try {
    for (const use of charts()) hash.update(`${use.spec}\0${fileDigest(readSpec(use.spec, issue.dir, use.usage).abs)}\0`);
  } catch {
    return undefined; // a missing spec: the snapshot reports it
  }
  return hash.digest('hex');
}

interface Entry {
  lock: IssueLock;
  /** Every data file the snapshot read, as it was then. */
  reads: DataReads;
}

/** The lock entry stored under this key, if every data file it read is unchanged. */
export function readCachedIssueLock(key: string): IssueLock | undefined {
  const entry = store('lock-issues').readJson(key) as Entry | undefined;
  if (!entry || typeof entry.lock !== 'object' || entry.lock === null || !dataReadsUnchanged(entry.reads)) return undefined;
  return entry.lock;
}

/** Stores an issue's lock entry with the data files it read (path in data/ → digest). */
export function storeIssueLock(key: string, lock: IssueLock, reads: ReadonlyMap<string, string>): void {
  store('lock-issues').write(key, JSON.stringify({ lock, reads: noteDataReads(reads) } satisfies Entry));
}
