import fs from 'node:fs';
import path from 'node:path';
import { descendants, readProcFile } from './proc-memory.ts';

/** Linux reports a thread's CPU time in /proc in ticks of USER_HZ, 100 a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * Where a build's CPU time went, by kind of thread, so that a result says which part of the
 * build grew: the build process's main thread, its worker threads (the chart workers, the spec
 * validator's compile), V8's own threads (garbage collection beside the JavaScript threads,
 * optimizing compiles), Node's file-system pool, the other threads (Vite's bundler), and the
 * child processes by what they run.
 */
export type CpuKind =
  | 'main thread'
  | 'worker threads'
  | "V8's threads"
  | 'file-system pool'
  | 'other threads'
  | 'lock snapshot'
  | 'PNG drawing'
  | 'Pagefind'
  | 'other processes';

export const CPU_KINDS: readonly CpuKind[] = ['main thread', 'worker threads', "V8's threads", 'file-system pool', 'other threads', 'lock snapshot', 'PNG drawing', 'Pagefind', 'other processes'];

/** A thread's name, its user plus system CPU ticks and its start time, from its `stat` line; undefined for a line that is not one. */
export function parseThreadStat(line: string): { name: string; ticks: number; started: string } | undefined {
  // The name sits in parentheses and may itself hold spaces and parentheses: fields follow the last ")".
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = line.slice(close + 2).split(' ');
  // Fields 14 and 15 of the line (utime, stime) are the 12th and 13th after the name; field 22
  // (starttime) the 20th, which tells a thread from a later one given the same id.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const started = fields[19];
  return Number.isFinite(ticks) && started !== undefined ? { name: line.slice(open + 1, close), ticks, started } : undefined;
}

/** What a process of the build's tree runs, from its command line. */
export function processKind(cmdline: string): 'build' | CpuKind {
  if (cmdline.includes('snapshot-cli')) return 'lock snapshot';
  if (cmdline.includes('raster-child')) return 'PNG drawing';
  if (cmdline.includes('pagefind')) return 'Pagefind';
  if (/astro(\.mjs)?\0build/.test(cmdline)) return 'build';
  return 'other processes';
}

/** The kind of a thread of the build process, by its name (Node and V8 name their threads). */
export function buildThreadKind(name: string, isMain: boolean): CpuKind {
  if (isMain) return 'main thread';
  if (name === 'WorkerThread') return 'worker threads';
  if (name === 'V8Worker') return "V8's threads";
  if (name === 'libuv-worker') return 'file-system pool';
  return 'other threads';
}

/**
 * The CPU time of a process tree by kind, sampled: each `sample()` reads every thread of pid and
 * its descendants and keeps the highest time seen per thread, under the kind it was last seen
 * as. A thread or process that ends between two samples keeps what the last one saw of it:
 * sampled every 200 ms, each loses at most that much.
 */
export function cpuSampler(pid: number, proc = '/proc'): { sample(): void; seconds(): Record<CpuKind, number> } {
  const seen = new Map<string, { kind: CpuKind; ticks: number }>();
  return {
    sample() {
      for (const p of [pid, ...new Set(descendants(pid, proc))]) {
        const cmdline = readProcFile(path.join(proc, String(p), 'cmdline'));
        if (cmdline === undefined) continue;
        // An ended process not yet reaped (a zombie) has an empty command line: its threads keep
        // the kind they were seen as.
        const kind = cmdline ? processKind(cmdline) : undefined;
        let tids: string[];
        try {
          tids = fs.readdirSync(path.join(proc, String(p), 'task'));
        } catch {
          continue;
        }
        for (const tid of tids) {
          const stat = readProcFile(path.join(proc, String(p), 'task', tid, 'stat'));
          const parsed = stat && parseThreadStat(stat);
          if (!parsed) continue;
          const key = `${p}/${tid}/${parsed.started}`;
          // Classified again at each sample: a child caught between its fork and its exec still
          // shows its parent's command line; what it runs once started is what counts.
          const now = kind === undefined ? undefined : kind === 'build' ? buildThreadKind(parsed.name, tid === String(p)) : kind;
          const last = seen.get(key);
          if (last) {
            last.ticks = Math.max(last.ticks, parsed.ticks);
            if (now) last.kind = now;
          } else seen.set(key, { kind: now ?? 'other processes', ticks: parsed.ticks });
        }
      }
    },
    seconds() {
      const out = Object.fromEntries(CPU_KINDS.map((k) => [k, 0])) as Record<CpuKind, number>;
      for (const { kind, ticks } of seen.values()) out[kind] += ticks / TICKS_PER_SECOND;
      return out;
    },
  };
}

/** "main thread 41.4 s, worker threads 40.2 s, …; 152.1 s in all": each kind that rounds to a tenth of a second or more, in CPU_KINDS order. */
export function formatCpu(cpu: Record<CpuKind, number>): string {
  const parts = CPU_KINDS.filter((k) => cpu[k] >= 0.05).map((k) => `${k} ${cpu[k].toFixed(1)} s`);
  const total = CPU_KINDS.reduce((sum, k) => sum + cpu[k], 0);
  return `${parts.join(', ')}; ${total.toFixed(1)} s in all`;
}
