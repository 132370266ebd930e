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
/** The data-scale case's memory target. */
export const memoryTarget = 2 * GIB;
/** The corpus's memory target: a build of N issues, cold, warm or after a change. */
export const corpusMemoryTarget = 1.5 * GIB;

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
    `- versions: Node ${process.versions.node}, astro ${version('astro')}, vega ${version('vega')}, vega-lite ${version('vega-lite')}, @duckdb/node-api ${version('@duckdb/node-api')}; Tally at ${commit}`,
  ];
}

export function table(rows: Row[]): string {
  const lines = ['| metric | measured | target | ratio to target | met |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ratio} | ${r.met} |`);
  return lines.join('\n');
}

/**
 * Replaces one results block of docs/benchmarks.md (`<!-- bench:<block>:start -->` … `end -->`),
 * keeping the prose around it and the other blocks: the corpus and the data-scale case run alone.
 */
export function writeResults(doc: string, results: string, block = 'results'): void {
  const start = `<!-- bench:${block}:start -->`;
  const end = `<!-- bench:${block}:end -->`;
  const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  const next = a >= 0 && b > a ? `${text.slice(0, a + start.length)}\n${results}\n${text.slice(b)}` : `${text}\n${start}\n${results}\n${end}\n`;
  fs.writeFileSync(doc, next);
}
