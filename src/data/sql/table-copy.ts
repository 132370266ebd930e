import fs from 'node:fs';
import path from 'node:path';
import { store } from '../../cache/stores.ts';
import { fileStamp, tempName } from '../../cache/verified-entry.ts';
import { dataFileAbs } from '../data-roots.ts';
import { fileDigest, sha256OfFile } from '../file-digest.ts';
import { formatOf } from '../file-format.ts';
import { dateColumnOf, maxDataBytes } from '../load-table.ts';
import type { ManifestEntry } from '../manifest.ts';
import { checkTable } from './check-table.ts';

/** The sidecar of a checked table: the typed copy to read (its length, sha256 and stamp), or none when the original is read. */
interface Sidecar {
  copy: string | null;
  length: number;
  sha256: string;
  stamp: string;
}

const SIDECAR = '.json';

/**
 * Whether a data file is read only through DuckDB, checked by its scan and queried through
 * checkedTable: a Parquet file, or a CSV/TSV above the in-memory limit.
 */
export function readByDuckDb(id: string, entry: ManifestEntry): boolean {
  const format = formatOf(id, entry.format);
  return format === 'parquet' || ((format === 'csv' || format === 'tsv') && fs.statSync(dataFileAbs(id)).size > maxDataBytes());
}

/** Copies being made in this process, by key: concurrent figures share one check. */
const making = new Map<string, Promise<string>>();

/**
 * The file a view of a large CSV/TSV or a Parquet data file reads, after its check: the typed
 * Parquet copy that the check wrote (`.tally-cache/table-copies/`, keyed by the file's digest and
 * its manifest entry), or the original Parquet file when its columns already have their
 * declared types. Checked and copied here when no valid copy exists (a first `npm run figures`,
 * a changed file), so a view never reads an unchecked file. Throws the check's located error.
 */
export async function checkedTable(id: string, entry: ManifestEntry): Promise<string> {
  const abs = dataFileAbs(id);
  const digest = fileDigest(abs);
  if (!digest) throw new Error(`${abs} cannot be read`);
  const copies = store('table-copies');
  const key = copies.key(digest, JSON.stringify(entry));
  const kept = keptCopy(copies, key, abs);
  if (kept) return kept;
  let made = making.get(key);
  if (!made) {
    made = makeCopy(id, entry, abs, digest, copies, key).finally(() => making.delete(key));
    making.set(key, made);
  }
  return made;
}

type Copies = ReturnType<typeof store>;

async function makeCopy(id: string, entry: ManifestEntry, abs: string, digest: string, copies: Copies, key: string): Promise<string> {
  const base = copies.path(key, '');
  fs.mkdirSync(path.dirname(base), { recursive: true });
  // A name of this process's own: two processes (the build, the lock check's child) may make it at once.
  const tmp = `${tempName(base)}.parquet`;
  try {
    const checked = await checkTable(id, entry, dateColumnOf(entry), tmp);
    // The file changed while it was read: its copy is of no digest we know; read it, keep nothing.
    if (fileDigest(abs) !== digest) return checked === 'original' ? abs : tmp;
    if (checked === 'original') {
      copies.write(key, JSON.stringify({ copy: null, length: 0, sha256: '', stamp: '' } satisfies Sidecar), SIDECAR);
      return abs;
    }
    const { length, sha256 } = hashFile(tmp);
    // Named by its content, so a concurrent maker's copy never replaces one being verified or read.
    const final = `${base}.${sha256.slice(0, 16)}.parquet`;
    fs.renameSync(tmp, final);
    copies.write(key, JSON.stringify({ copy: path.basename(final), length, sha256, stamp: fileStamp(final) ?? '' } satisfies Sidecar), SIDECAR);
    forgetEarlier(copies, id, final);
    return final;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Removes the copy made before of the same data file (and its sidecar) once a new one is in
 * place: each change of a 1 GB file would otherwise leave a copy of its old rows behind.
 */
function forgetEarlier(copies: Copies, id: string, final: string): void {
  const pointer = copies.key('latest copy', id);
  const earlier = copies.readText(pointer, '.latest');
  if (earlier && earlier !== final && earlier.startsWith(`${copies.dir}${path.sep}`) && earlier.endsWith('.parquet')) {
    fs.rmSync(earlier, { force: true });
    fs.rmSync(earlier.replace(/\.[0-9a-f]{16}\.parquet$/, SIDECAR), { force: true });
  }
  copies.write(pointer, final, '.latest');
}

/**
 * The kept copy when its sidecar is whole and the copy is the file the sidecar describes: by its
 * stamp (size, times, inode: any write, truncation or restore changes its change time), or,
 * when the stamp differs, by its length and sha256. Anything else is a miss, never data.
 */
function keptCopy(copies: Copies, key: string, original: string): string | undefined {
  const base = copies.path(key, '');
  const sidecar = readSidecar(copies.readJson(key, SIDECAR));
  if (!sidecar) return undefined;
  if (sidecar.copy === null) return original;
  const file = path.join(path.dirname(base), sidecar.copy);
  if (!sidecar.copy.startsWith(path.basename(base)) || sidecar.copy.includes('/')) return undefined;
  if (sidecar.stamp && fileStamp(file) === sidecar.stamp) return file;
  try {
    if (fs.statSync(file).size !== sidecar.length) throw new Error('length');
    if (hashFile(file).sha256 !== sidecar.sha256) throw new Error('digest');
  } catch {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  return file;
}

function readSidecar(json: unknown): Sidecar | undefined {
  const value = json as Partial<Sidecar> | undefined;
  if (!value || typeof value !== 'object') return undefined;
  if (value.copy !== null && typeof value.copy !== 'string') return undefined;
  if (typeof value.length !== 'number' || typeof value.sha256 !== 'string' || typeof value.stamp !== 'string') return undefined;
  return value as Sidecar;
}

function hashFile(file: string): { length: number; sha256: string } {
  const sha256 = sha256OfFile(file);
  if (sha256 === undefined) throw new Error(`${file} cannot be read`);
  return { length: fs.statSync(file).size, sha256 };
}
