import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One cache entry on disk: a header line naming the entry (its file name, or the key given) and
 * recording the payload's length and sha256, then the payload. Every read checks all three, so
 * a truncated, emptied, bit-flipped entry, or one moved under another entry's name, is a miss
 * (and is removed), never an output.
 */
const MAGIC = 'tally-cache-entry 1';

/** A temp file's name beside `file`, this process's and no other's, ending in `.tmp`: written there, then renamed into place. */
export const tempName = (file: string): string => `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes an entry to a temp file and renames it into place, so a killed or concurrent build
 * never leaves half a file under its name. Caches only save time: a folder that cannot be
 * written is not an error, and false says the entry was not stored.
 */
export function writeEntry(file: string, data: string | Uint8Array, name = path.basename(file)): boolean {
  return writeAtomic(file, entryParts(data, name));
}

/**
 * writeEntry with the file's system calls on Node's thread pool: a caller that awaits it lets its
 * thread go on meanwhile. Creating a file cost 25 to 400 µs of kernel time on this project's
 * machine, and a cold 500-issue build's chart cache wrote about 6,800 files from the main thread,
 * the thread the pages wait for (profiled).
 */
export function writeEntryAsync(file: string, data: string | Uint8Array, name = path.basename(file)): Promise<boolean> {
  return writeAtomicAsync(file, entryParts(data, name));
}

function entryParts(data: string | Uint8Array, name: string): Uint8Array[] {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return [Buffer.from(`${MAGIC} ${safeName(name)} ${payload.length} ${sha256(payload)}\n`, 'utf8'), payload];
}

/** The entry's payload when it is whole, unchanged since written and under its own name; undefined otherwise. */
export function readEntry(file: string, name = path.basename(file)): Buffer<ArrayBuffer> | undefined {
  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const payload = verify(bytes, safeName(name));
  if (!payload) fs.rmSync(file, { force: true });
  return payload;
}

export function readEntryText(file: string, name?: string): string | undefined {
  return readEntry(file, name)?.toString('utf8');
}

/** The entry parsed as JSON, or undefined; its shape is the caller's to check. */
export function readEntryJson(file: string, name?: string): unknown {
  const text = readEntryText(file, name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A file's size, modification time (to the nanosecond) and inode, for files hard-linked into the
 * output: unlike fileStamp, not its change time, which each link made (or deleted) changes. Any
 * write gives a new modification time; one set back to the very nanosecond afterwards is not seen.
 */
export function linkedFileStamp(abs: string): string | undefined {
  try {
    const st = fs.lstatSync(abs, { bigint: true });
    return st.isFile() ? `${st.size}:${st.mtimeNs}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's size, modification and change times and inode: while they are the ones noted when
 * its digest was taken, the file has not been written since (a write, a truncation, a copy or
 * a restore from an archive all give it a new change time, which no tool can set back).
 */
export function fileStamp(abs: string): string | undefined {
  try {
    const st = fs.lstatSync(abs);
    return st.isFile() ? statsStamp(st) : undefined;
  } catch {
    return undefined;
  }
}

/** True when an entry is on disk and whole (what a prefetch asks before skipping work). */
export function hasEntry(file: string): boolean {
  return readEntry(file) !== undefined;
}

function safeName(name: string): string {
  return name.replace(/[\s\0]/g, '_');
}

function verify(bytes: Buffer<ArrayBuffer>, name: string): Buffer<ArrayBuffer> | undefined {
  const eol = bytes.indexOf(0x0a);
  if (eol < 0 || eol > 1000) return undefined;
  const [magic, version, own, length, digest] = bytes.subarray(0, eol).toString('utf8').split(' ');
  if (`${magic} ${version}` !== MAGIC || own !== name || !digest) return undefined;
  const payload = bytes.subarray(eol + 1);
  if (payload.length !== Number(length) || sha256(payload) !== digest) return undefined;
  return payload;
}

/**
 * Temp file and rename; the parts are written in order. The folder is made only when the temp
 * file finds none: a cold 500-issue build writes about 27,000 cache files into a few hundred
 * folders, and a mkdir before each took 1.8 s of its main thread (profiled).
 */
export function writeAtomic(file: string, parts: readonly Uint8Array[] | string | Uint8Array): boolean {
  const tmp = tempName(file);
  const write = () => {
    if (typeof parts === 'string' || parts instanceof Uint8Array) fs.writeFileSync(tmp, parts);
    else {
      const fd = fs.openSync(tmp, 'w');
      try {
        for (const p of parts) fs.writeSync(fd, p);
      } finally {
        fs.closeSync(fd);
      }
    }
  };
  try {
    try {
      write();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      write();
    }
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // No temp file could have been made either.
    }
    return false;
  }
}

/** writeAtomic with the file's system calls on Node's thread pool; the parts are written in order, not joined first. */
export async function writeAtomicAsync(file: string, parts: readonly Uint8Array[] | Uint8Array): Promise<boolean> {
  const tmp = tempName(file);
  const chunks = parts instanceof Uint8Array ? [parts] : parts;
  const write = async () => {
    const handle = await fs.promises.open(tmp, 'w');
    try {
      const { bytesWritten } = await handle.writev([...chunks]);
      if (bytesWritten !== chunks.reduce((n, c) => n + c.byteLength, 0)) throw new Error(`short write to ${tmp}`);
    } finally {
      await handle.close();
    }
  };
  try {
    try {
      await write();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await write();
    }
    await fs.promises.rename(tmp, file);
    return true;
  } catch {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    return false;
  }
}

/** fileStamp's stamp of stats already taken: size, modification and change times, inode. */
export function statsStamp(st: fs.Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}
