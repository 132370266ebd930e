import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants, kbField, pssKb, statusKb, treeMemory } from '../../scripts/bench/proc-memory.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A folder laid out like /proc: each process's status, smaps_rollup and threads' children lists. */
function fakeProc(processes: Record<number, { rss: number; hwm?: number; pss?: number; threads: Record<string, number[]> }>): string {
  const root = tempDir('tally-fake-proc-');
  for (const [pid, p] of Object.entries(processes)) {
    const dir = path.join(root, pid);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'status'), `Name:\tnode\nVmPeak:\t  999999 kB\nVmHWM:\t ${p.hwm ?? p.rss} kB\nVmRSS:\t ${p.rss} kB\nRssAnon:\t 1 kB\n`);
    if (p.pss !== undefined) {
      // Pss_Anon and the others come after Pss and must not be taken for it.
      fs.writeFileSync(path.join(dir, 'smaps_rollup'), `55a249795000-7ffe38e7f000 ---p 00000000 00:00 0                          [rollup]\nRss:   ${p.rss} kB\nPss:   ${p.pss} kB\nPss_Dirty:   7 kB\nPss_Anon:   5 kB\nSwapPss:   0 kB\n`);
    }
    for (const [tid, kids] of Object.entries(p.threads)) {
      fs.mkdirSync(path.join(dir, 'task', tid), { recursive: true });
      fs.writeFileSync(path.join(dir, 'task', tid, 'children'), kids.map((k) => `${k} `).join(''));
    }
  }
  return root;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the bench memory reader', () => {
  it('reads a kB field by its whole name', () => {
    const rollup = 'Rss: 1604 kB\nPss_Anon: 116 kB\nPss: 351 kB\nSwapPss: 9 kB\n';
    expect(kbField(rollup, 'Pss')).toBe(351);
    expect(kbField(rollup, 'Rss')).toBe(1604);
    expect(kbField(rollup, 'Missing')).toBe(0);
    expect(kbField(undefined, 'Pss')).toBe(0);
  });

  it('sums the resident and the proportional memory of a process and every descendant', () => {
    // 10 has two threads: one started 20, the other 30; 20 started 21. 99 is not in the tree.
    const proc = fakeProc({
      10: { rss: 1000, hwm: 1500, pss: 600, threads: { '10': [20], '11': [30] } },
      20: { rss: 400, pss: 150, threads: { '20': [21] } },
      21: { rss: 300, pss: 100, threads: { '21': [] } },
      30: { rss: 200, pss: 50, threads: { '30': [] } },
      99: { rss: 5000, pss: 5000, threads: { '99': [] } },
    });
    dirs.push(proc);
    expect(descendants(10, proc)).toEqual([20, 21, 30]);
    expect(statusKb(10, 'VmRSS', proc)).toBe(1000);
    expect(statusKb(10, 'VmHWM', proc)).toBe(1500);
    expect(pssKb(20, proc)).toBe(150);
    expect(treeMemory(10, proc)).toEqual({ rssKb: 1900, pssKb: 900, processes: 4 });
    expect(treeMemory(20, proc)).toEqual({ rssKb: 700, pssKb: 250, processes: 2 });
  });

  it('counts a process that ended, or whose smaps_rollup cannot be read, as 0', () => {
    // 20 is listed as a child but gone; 30 has no smaps_rollup.
    const proc = fakeProc({
      10: { rss: 1000, pss: 600, threads: { '10': [20, 30] } },
      30: { rss: 200, threads: { '30': [] } },
    });
    dirs.push(proc);
    expect(treeMemory(10, proc)).toEqual({ rssKb: 1200, pssKb: 600, processes: 3 });
    expect(treeMemory(77, proc)).toEqual({ rssKb: 0, pssKb: 0, processes: 1 });
  });

  it('reads this very process from /proc: its Pss is above 0 and at most its RSS', () => {
    const now = treeMemory(process.pid);
    expect(now.pssKb).toBeGreaterThan(0);
    expect(now.pssKb).toBeLessThanOrEqual(now.rssKb + 1024);
  });
});
