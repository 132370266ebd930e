import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cpuSampler, type CpuKind } from './proc-cpu.ts';
import { statusKb, treeMemory } from './proc-memory.ts';

export interface BuildRun {
  ok: boolean;
  wallMs: number;
  /**
   * Highest resident memory at one time: the build process's and its descendants' RSS summed at
   * each 100 ms sample, and never less than the build process's own high-water mark (VmHWM, which
   * catches a spike between samples). Adding the build's high-water mark to children sampled at
   * another time would count two peaks that never met.
   */
  peakRssBytes: number;
  /**
   * Highest proportional memory at one time: the Pss (smaps_rollup) of the build process and its
   * descendants summed, at most once a second while their RSS sum is within a tenth of its
   * highest. A page shared by several processes (Node's binary, shared libraries, mapped files)
   * counts once in all, where the RSS sum counts it in each.
   */
  peakPssBytes: number;
  /** CPU seconds of the process tree by kind of thread (proc-cpu.ts), sampled every 200 ms. */
  cpu: Record<CpuKind, number>;
  output: string;
}

/** Bytes this process and its reaped descendants have read through read(2) and its kin (`rchar`). */
export function bytesRead(): number {
  const m = /^rchar:\s+(\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
  return m ? Number(m[1]) : 0;
}

export interface ProcessRun extends BuildRun {
  /**
   * Bytes the process and its children read (their `rchar`, which Linux adds to this process's
   * own when it reaps them), page cache hits included: a file read twice counts twice.
   */
  readBytes: number;
}

/** Runs `node <args>` in root, sampling memory every 100 ms and CPU time by thread every 200 ms from /proc. */
export function runNode(root: string, args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  const started = performance.now();
  const readBefore = bytesRead();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let peak = 0;
  let peakPss = 0;
  let pssAt = -Infinity;
  const sample = () => {
    const rss = treeMemory(child.pid!, '/proc', false).rssKb * 1024;
    peak = Math.max(peak, rss, statusKb(child.pid!, 'VmHWM') * 1024);
    // Pss is costly to read (reading it stalls the process, see treeMemory): at most once a
    // second, and only while the tree's resident memory is within a tenth of its highest (a
    // tree's Pss never exceeds its RSS). Read every 100 ms, a cold 500-issue build measured
    // 358.6 s; the same build timed alone took 244.6 s.
    const now = performance.now();
    if (now - pssAt < 1000 || rss < 0.9 * peak) return;
    pssAt = now;
    peakPss = Math.max(peakPss, treeMemory(child.pid!).pssKb * 1024);
  };
  const timer = setInterval(sample, 100);
  const cpu = cpuSampler(child.pid!);
  const cpuTimer = setInterval(() => cpu.sample(), 200);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      clearInterval(cpuTimer);
      const wallMs = performance.now() - started;
      // The pipes' bytes were read by this process, not the child.
      resolve({ ok: code === 0, wallMs, peakRssBytes: peak, peakPssBytes: peakPss, cpu: cpu.seconds(), output, readBytes: Math.max(0, bytesRead() - readBefore - Buffer.byteLength(output)) });
    });
  });
}

/**
 * Runs `npm run build`'s script (scripts/build.ts, which starts `astro build` and swaps its output
 * into dist/) in root with the project's Node, sampling memory every 100 ms from /proc. First
 * waits, up to 10 s, for the last build's old output to be deleted (scripts/build.ts leaves that
 * to a child process at the lowest priority), so that one build's deletion is not timed in the next.
 */
export async function runBuild(root: string, env: Record<string, string> = {}): Promise<ProcessRun> {
  const oldOutput = () => fs.readdirSync(root).some((f) => /^\.dist-old-\d+$/.test(f));
  for (let i = 0; i < 100 && oldOutput(); i++) await new Promise((r) => setTimeout(r, 100));
  return runNode(root, [path.join(root, 'scripts', 'build.ts')], env);
}

/** JavaScript a reader downloads for one page: every <script src> file plus inline module scripts. */
export function javascriptBytes(dist: string, route: string): number {
  const html = fs.readFileSync(path.join(dist, route, 'index.html'), 'utf8');
  let bytes = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\ssrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) {
      const file = path.join(dist, src.replace(/^\//, '').split('?')[0]!);
      bytes += fs.existsSync(file) ? fs.statSync(file).size : 0;
    } else if (!/type="application\/(ld\+)?json"/.test(m[1]!)) bytes += Buffer.byteLength(m[2]!);
  }
  return bytes;
}
