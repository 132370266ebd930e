import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildThreadKind, cpuSampler, formatCpu, parseThreadStat, processKind, CPU_KINDS, type CpuKind } from '../../scripts/bench/proc-cpu.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A thread's stat line as Linux writes it: utime and stime in ticks, starttime in ticks since boot. */
function statLine(tid: number, name: string, utime: number, stime: number, started = 1000): string {
  // state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime vsize
  return `${tid} (${name}) S 1 1 1 0 -1 4194304 10 0 0 0 ${utime} ${stime} 0 0 20 0 4 0 ${started} 123456\n`;
}

interface FakeThread {
  name: string;
  utime: number;
  stime: number;
  started?: number;
  children?: number[];
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function fakeProc(processes: Record<number, { cmdline: string[]; threads: Record<number, FakeThread> }>): string {
  const root = tempDir('tally-fake-proc-cpu-');
  dirs.push(root);
  writeProc(root, processes);
  return root;
}

function writeProc(root: string, processes: Record<number, { cmdline: string[]; threads: Record<number, FakeThread> }>): void {
  for (const [pid, p] of Object.entries(processes)) {
    fs.mkdirSync(path.join(root, pid), { recursive: true });
    fs.writeFileSync(path.join(root, pid, 'cmdline'), `${p.cmdline.join('\0')}\0`);
    for (const [tid, t] of Object.entries(p.threads)) {
      const dir = path.join(root, pid, 'task', tid);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'stat'), statLine(Number(tid), t.name, t.utime, t.stime, t.started));
      fs.writeFileSync(path.join(dir, 'children'), (t.children ?? []).map((k) => `${k} `).join(''));
    }
  }
}

const zero = (): Record<CpuKind, number> => Object.fromEntries(CPU_KINDS.map((k) => [k, 0])) as Record<CpuKind, number>;

describe('the bench CPU reader', () => {
  it('reads the CPU ticks and start time of a thread whose name holds spaces and parentheses', () => {
    expect(parseThreadStat(statLine(7, 'a (b) c', 150, 25, 4242))).toEqual({ name: 'a (b) c', ticks: 175, started: '4242' });
    expect(parseThreadStat('not a stat line')).toBeUndefined();
    expect(parseThreadStat('7 (node) S 1')).toBeUndefined();
  });

  it('tells the processes of a build apart by their command line', () => {
    expect(processKind(['node', '/x/node_modules/astro/bin/astro.mjs', 'build', '--outDir', '/x/.dist-next-1'].join('\0'))).toBe('build');
    expect(processKind(['node', '/x/src/lock/snapshot-cli.ts', '--shard', '0/2'].join('\0'))).toBe('lock snapshot');
    expect(processKind(['node', '--expose-gc', '/x/src/renditions/png/raster-child.ts'].join('\0'))).toBe('PNG drawing');
    expect(processKind(['/x/node_modules/@pagefind/linux-x64/bin/pagefind_extended', '--service'].join('\0'))).toBe('Pagefind');
    expect(processKind(['node', '/x/scripts/build.ts'].join('\0'))).toBe('other processes');
    // "astro" alone in a path is not the build.
    expect(processKind(['node', '/home/astro/tool.js'].join('\0'))).toBe('other processes');
  });

  it('tells the threads of the build process apart by the names Node and V8 give them', () => {
    expect(buildThreadKind('node', true)).toBe('main thread');
    expect(buildThreadKind('WorkerThread', false)).toBe('worker threads');
    expect(buildThreadKind('V8Worker', false)).toBe("V8's threads");
    expect(buildThreadKind('libuv-worker', false)).toBe('file-system pool');
    expect(buildThreadKind('rolldown-worker', false)).toBe('other threads');
  });

  it('sums a process tree by kind, each thread at the most seen of it, an ended thread at its last sample', () => {
    const tree = {
      10: { cmdline: ['node', 'scripts/build.ts'], threads: { 10: { name: 'node', utime: 30, stime: 10, children: [20] } } },
      20: {
        cmdline: ['node', 'astro.mjs', 'build'],
        threads: {
          20: { name: 'node', utime: 1000, stime: 200, children: [30, 40] },
          21: { name: 'WorkerThread', utime: 500, stime: 0 },
          22: { name: 'V8Worker', utime: 300, stime: 50 },
          23: { name: 'libuv-worker', utime: 10, stime: 90 },
          24: { name: 'rolldown-worker', utime: 40, stime: 0 },
        },
      },
      30: { cmdline: ['node', 'src/lock/snapshot-cli.ts'], threads: { 30: { name: 'node', utime: 400, stime: 20 }, 31: { name: 'V8Worker', utime: 30, stime: 0 } } },
      40: { cmdline: ['node', 'raster-child.ts'], threads: { 40: { name: 'node', utime: 700, stime: 0 } } },
      // Not in the tree.
      99: { cmdline: ['node', 'astro.mjs', 'build'], threads: { 99: { name: 'node', utime: 99999, stime: 0 } } },
    };
    const proc = fakeProc(tree);
    const cpu = cpuSampler(10, proc);
    cpu.sample();
    // Later: the build's main thread ran on, the snapshot process ended (its folder is gone), and
    // thread id 21 belongs to a new worker (a later start time), which counts on its own.
    fs.rmSync(path.join(proc, '30'), { recursive: true });
    fs.writeFileSync(path.join(proc, '20', 'task', '20', 'children'), '40 ');
    writeProc(proc, { 20: { cmdline: ['node', 'astro.mjs', 'build'], threads: { 20: { name: 'node', utime: 1500, stime: 300, children: [40] }, 21: { name: 'WorkerThread', utime: 100, stime: 0, started: 5000 } } } });
    cpu.sample();
    expect(cpu.seconds()).toEqual({
      ...zero(),
      'main thread': 18,
      'worker threads': 6,
      "V8's threads": 3.5,
      'file-system pool': 1,
      'other threads': 0.4,
      'lock snapshot': 4.5,
      'PNG drawing': 7,
      'other processes': 0.4,
    });
  });

  it('counts a child under what it runs once started, though first seen before its exec, and after it ended', () => {
    const proc = fakeProc({
      10: { cmdline: ['node', 'astro.mjs', 'build'], threads: { 10: { name: 'node', utime: 100, stime: 0, children: [40] } } },
      // Forked, not yet exec'd: the parent's command line.
      40: { cmdline: ['node', 'astro.mjs', 'build'], threads: { 40: { name: 'node', utime: 1, stime: 0 } } },
    });
    const cpu = cpuSampler(10, proc);
    cpu.sample();
    writeProc(proc, { 40: { cmdline: ['node', '--expose-gc', 'src/renditions/png/raster-child.ts'], threads: { 40: { name: 'node', utime: 250, stime: 50 } } } });
    cpu.sample();
    expect(cpu.seconds()).toEqual({ ...zero(), 'main thread': 1, 'PNG drawing': 3 });
    // Ended, not yet reaped: no command line any more, its last ticks still counted as what it ran.
    writeProc(proc, { 10: { cmdline: [], threads: { 10: { name: 'node', utime: 200, stime: 0, children: [40] } } }, 40: { cmdline: [], threads: { 40: { name: 'node', utime: 300, stime: 60 } } } });
    fs.writeFileSync(path.join(proc, '10', 'cmdline'), '');
    fs.writeFileSync(path.join(proc, '40', 'cmdline'), '');
    cpu.sample();
    expect(cpu.seconds()).toEqual({ ...zero(), 'main thread': 2, 'PNG drawing': 3.6 });
  });

  it('writes each kind that ran, in a fixed order, and the sum', () => {
    expect(formatCpu({ ...zero(), 'worker threads': 40.24, 'main thread': 41.36, Pagefind: 0.01 })).toBe('main thread 41.4 s, worker threads 40.2 s; 81.6 s in all');
  });
});
