import { fileDigest } from './file-digest.ts';
import { dataFileAbs } from './data-roots.ts';
import { manifestEntry } from './manifest.ts';

/** Data files as a cached result read them: file id (see data-roots.ts), digest of the bytes (or its prefix), manifest entry as JSON. */
export type DataReads = [file: string, digest: string, manifestEntry: string][];

/** What to store beside a result: each file it read (path → digest of the bytes read) with its manifest entry now. */
export function noteDataReads(read: Iterable<[string, string]>): DataReads {
  return [...read].map(([file, digest]) => [file, digest, JSON.stringify(manifestEntry(file))]);
}

/** True while every file is as it was read: same bytes (by digest) and same manifest entry. */
export function dataReadsUnchanged(reads: unknown): reads is DataReads {
  if (!Array.isArray(reads)) return false;
  return reads.every(
    (r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && fileDigest(dataFileAbs(r[0]))?.startsWith(r[1]) === true && JSON.stringify(manifestEntry(r[0])) === r[2],
  );
}

