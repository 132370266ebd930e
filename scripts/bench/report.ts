import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  metric: string;
  value: string;
  target: string;
  ratio: string;
  met: string;
}

const GIB = 1024 ** 3;
export const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const mib = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MiB`;
export const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');
export const memoryTarget = 2 * GIB;

/** The machine and versions the numbers were measured with. */
export function machine(root: string): string[] {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const version = (pkg: string) => {
    for (let dir = path.join(root, 'node_modules', pkg); ; ) return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  return [
    `- machine: ${os.availableParallelism()} cores (nproc), ${(os.totalmem() / GIB).toFixed(1)} GiB memory, ${cpu}`,
    `- versions: Node ${process.versions.node}, astro ${version('astro')}, vega ${version('vega')}, vega-lite ${version('vega-lite')}; Tally at ${commit}`,
  ];
}

export function table(rows: Row[]): string {
  const lines = ['| metric | measured | target | ratio to target | met |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ratio} | ${r.met} |`);
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the results section of docs/benchmarks.md, keeping the prose around it. */
export function writeResults(doc: string, results: string): void {
  const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? `${text.slice(0, a + START.length)}\n${results}\n${text.slice(b)}` : `${text}\n${START}\n${results}\n${END}\n`;
  fs.writeFileSync(doc, next);
}
