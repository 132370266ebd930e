import fs from 'node:fs';
import path from 'node:path';

/**
 * Memory of a process tree read from /proc (or a folder laid out like it, for tests), in kB.
 *
 * Resident memory (VmRSS) counts a page once in every process that maps it: Node's binary, its
 * shared libraries and mapped files are counted again for each child. The proportional set size
 * (Pss, /proc/<pid>/smaps_rollup) divides a shared page between the processes sharing it, so the
 * tree's Pss summed is the memory the tree really holds.
 */
export interface TreeMemory {
  /** VmRSS of each process of the tree, summed. */
  rssKb: number;
  /** Pss of each process of the tree, summed. */
  pssKb: number;
  /** How many processes were listed: the root and its descendants. */
  processes: number;
}

/** A /proc file's text, or undefined once its process or thread is gone (or it cannot be read). */
export function readProcFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // The process ended between listing and reading it, or the file is not readable.
    return undefined;
  }
}

/** A `Name:   123 kB` field of a /proc status or smaps_rollup text, 0 when absent. */
export function kbField(text: string | undefined, field: string): number {
  if (!text) return 0;
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** Resident kB of a process (`field` VmRSS or VmHWM, its high-water mark), 0 once it is gone. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM', proc = '/proc'): number {
  return kbField(readProcFile(path.join(proc, String(pid), 'status')), field);
}

/** Proportional kB of a process (Pss of its smaps_rollup), 0 once it is gone. */
export function pssKb(pid: number, proc = '/proc'): number {
  return kbField(readProcFile(path.join(proc, String(pid), 'smaps_rollup')), 'Pss');
}

/** Every descendant of pid, children before their own children, from each thread's `children` list. */
export function descendants(pid: number, proc = '/proc'): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(path.join(proc, String(pid), 'task'));
  } catch {
    return out;
  }
  for (const t of tasks) {
    const kids = readProcFile(path.join(proc, String(pid), 'task', t, 'children')) ?? '';
    for (const k of kids.split(/\s+/).filter(Boolean).map(Number)) out.push(k, ...descendants(k, proc));
  }
  return out;
}

/**
 * The resident and proportional memory of pid and its descendants, read now. Reading a
 * process's smaps_rollup walks its page tables under its memory map's lock (about 50 ms for a
 * 2 GB Node process here), stalling it, so `withPss: false` reads resident memory only (pssKb 0).
 */
export function treeMemory(pid: number, proc = '/proc', withPss = true): TreeMemory {
  const pids = [pid, ...new Set(descendants(pid, proc))];
  let rssKb = 0;
  let pss = 0;
  for (const p of pids) {
    rssKb += statusKb(p, 'VmRSS', proc);
    if (withPss) pss += pssKb(p, proc);
  }
  return { rssKb, pssKb: pss, processes: pids.length };
}
