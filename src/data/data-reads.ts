import path from 'node:path';
import { dataDir } from '../core/paths.ts';
import { fileDigest } from './file-digest.ts';
import { readManifest } from './manifest.ts';

/** Data files as a cached result read them: path in data/, digest of the bytes (or its prefix), manifest entry as JSON. */
export type DataReads = [file: string, digest: string, manifestEntry: string][];

/** What to store beside a result: each file it read (path → digest of the bytes read) with its manifest entry now. */
export function noteDataReads(read: Iterable<[string, string]>): DataReads {
  const manifest = readManifest();
  return [...read].map(([file, digest]) => [file, digest, JSON.stringify(manifest.get(file))]);
}

/** True while every file is as it was read: same bytes (by digest) and same manifest entry. */
export function dataReadsUnchanged(reads: unknown): reads is DataReads {
  if (!Array.isArray(reads)) return false;
  const manifest = readManifest();
  return reads.every(
    (r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && fileDigest(path.join(dataDir(), r[0]))?.startsWith(r[1]) === true && JSON.stringify(manifest.get(r[0])) === r[2],
  );
}
