import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { statsStamp } from '../cache/verified-entry.ts';
import { fileDigest } from '../data/file-digest.ts';

/** A file's digest with the stamp (size, modification and change times, inode) it had when taken. */
export type NotedDigest = [stamp: string, digest: string];

/** What a page's record notes of the inputs of its key, so that the next build need not read them again. */
export interface NotedInputs {
  /** By absolute path. */
  digests: Record<string, NotedDigest>;
  /** The figures key, by a fingerprint of everything it is worked out from (see figuresFingerprint). */
  figures?: [fingerprint: string, key: string];
}

/**
 * The digests of a page key's files, reusing those its record noted while a file's stamp is the
 * one noted: the same trust as the file-digests store, whose entries are kept by the same stamp
 * (a write, a copy or a restore gives the file a new change time), without reading an entry per
 * file. Whatever it gives is noted again for the page's record.
 */
export class PageInputs {
  readonly used: Record<string, NotedDigest> = {};
  private readonly noted: Readonly<Record<string, NotedDigest>>;
  private readonly stats = new Map<string, fs.Stats | undefined>();

  constructor(noted: Readonly<Record<string, NotedDigest>> = {}) {
    this.noted = noted;
  }

  /** sha256 of the file, as fileDigest gives it; undefined when it is not a regular file. */
  digest(abs: string): string | undefined {
    const stamp = this.stamp(abs);
    if (!stamp) return undefined;
    const hit = this.noted[abs];
    const digest = hit?.[0] === stamp ? hit[1] : fileDigest(abs);
    if (digest) this.used[abs] = [stamp, digest];
    return digest;
  }

  /** The stamp of verified-entry.ts's fileStamp, from one lstat per file and key. */
  stamp(abs: string): string | undefined {
    const st = this.lstat(abs);
    return st?.isFile() ? statsStamp(st) : undefined;
  }

  lstat(abs: string): fs.Stats | undefined {
    if (!this.stats.has(abs)) {
      let st: fs.Stats | undefined;
      try {
        st = fs.lstatSync(abs);
      } catch {
        st = undefined;
      }
      this.stats.set(abs, st);
    }
    return this.stats.get(abs);
  }

  /** True when the digests used are not the ones noted (a file changed, came or went). */
  changed(): boolean {
    const used = Object.keys(this.used);
    return used.length !== Object.keys(this.noted).length || used.some((abs) => this.noted[abs]?.[0] !== this.used[abs]![0]);
  }
}

/**
 * What the figures key of an issue is worked out from (see figures-cache.ts: its figures code
 * version, its asOf, the names and text of the code files of its folder and the names under its
 * data/ folder), as the names of everything under the folder with each file's stamp. Undefined
 * when the folder holds anything but files and plain folders (a link, a folder named like a
 * file): the key is then worked out again.
 */
export function figuresFingerprint(issueDir: string, names: readonly string[], version: string, asOf: string, inputs: PageInputs): string | undefined {
  const hash = createHash('sha256').update(`${version}\0${asOf}\0`);
  for (const name of names) {
    const abs = path.join(issueDir, name);
    const st = inputs.lstat(abs);
    if (st?.isDirectory() && !path.basename(name).includes('.')) hash.update(`${name}\0dir\0`);
    else if (st?.isFile()) hash.update(`${name}\0${inputs.stamp(abs)}\0`);
    else return undefined;
  }
  return hash.digest('hex');
}
