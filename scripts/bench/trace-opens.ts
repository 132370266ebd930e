/**
 * Which processes open the big data files during a build, and how often: runs a command under
 * `strace -f` (opens and execs only, so the build runs near its normal speed) and prints, per
 * process, its command line and how many times it opened each file whose name ends with one of
 * the given suffixes. Linux only; strace must be installed. For profiling a kept site:
 *
 *   node scripts/bench/trace-opens.ts bars.csv,bars.parquet -- node node_modules/astro/bin/astro.mjs build
 *
 * Opening is not reading (DuckDB's sniffer reads a file's head; a scan reads all of it): set the
 * counts beside the bytes read that the bench reports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [files, dashes, ...command] = process.argv.slice(2);
if (!files || dashes !== '--' || command.length === 0) {
  console.error('usage: node scripts/bench/trace-opens.ts <suffix,suffix> -- <command…>');
  process.exit(2);
}
const suffixes = files.split(',');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tally-trace-')), 'trace');
const started = performance.now();
const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=openat,execve,clone,clone3,fork,vfork', '-s', '300', '-o', out, ...command], { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' } });
const ms = performance.now() - started;

const commands = new Map<string, string>();
/** A thread's process: the thread that started it, followed up to a process (a fork or exec). */
const threadOf = new Map<string, string>();
const opens = new Map<string, Map<string, number>>();
const pending = new Map<string, string>();
const processOf = (tid: string): string => (threadOf.has(tid) ? processOf(threadOf.get(tid)!) : tid);
for (const raw of fs.readFileSync(out, 'utf8').split('\n')) {
  const pid = /^(\d+)\s/.exec(raw)?.[1];
  if (!pid) continue;
  // strace splits a call another thread interrupted: "<unfinished ...>" then "<... name resumed>".
  if (raw.endsWith('<unfinished ...>')) {
    pending.set(pid, raw.slice(0, -'<unfinished ...>'.length));
    continue;
  }
  const line = /<\.\.\. \w+ resumed>/.test(raw) ? `${pending.get(pid) ?? ''}${raw.replace(/^\d+\s+<\.\.\. \w+ resumed>/, '')}` : raw;
  pending.delete(pid);
  const m = /^(\d+)\s+(\w+)\((.*)$/.exec(line);
  if (!m) continue;
  const [, , call, rest] = m as unknown as [string, string, string, string];
  const result = /= (-?\d+)(?: \w+)?(?: \(.*\))?$/.exec(rest)?.[1];
  if ((call === 'clone' || call === 'clone3') && result && Number(result) > 0 && rest.includes('CLONE_THREAD')) threadOf.set(result, pid);
  if (call === 'execve' && result === '0') {
    const argv = /\[(.*?)\]/.exec(rest)?.[1] ?? '';
    commands.set(pid, argv.replaceAll('"', '').replace(/, /g, ' ').slice(0, 160));
  }
  if (call === 'openat' && result && Number(result) >= 0) {
    const name = /"([^"]+)"/.exec(rest)?.[1] ?? '';
    const hit = suffixes.find((x) => name.endsWith(x));
    if (!hit) continue;
    const owner = processOf(pid);
    const counts = opens.get(owner) ?? new Map<string, number>();
    counts.set(hit, (counts.get(hit) ?? 0) + 1);
    opens.set(owner, counts);
  }
}
console.log(`\n${command.join(' ')}: exit ${run.status}, ${(ms / 1000).toFixed(1)} s under strace`);
for (const [pid, counts] of opens) {
  console.log(`  pid ${pid} (${commands.get(pid) ?? 'a fork of its parent, no exec'}): ${[...counts].map(([f, n]) => `${f} opened ${n}×`).join(', ')}`);
}
fs.rmSync(path.dirname(out), { recursive: true, force: true });
