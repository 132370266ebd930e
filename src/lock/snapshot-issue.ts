import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { bindSpecData } from '../charts/bind-spec-data.ts';
import { readSpec } from '../charts/read-spec.ts';
import { loadDataFileById } from '../data/load-table.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import { issueFiguresOf } from '../issues/issue-figures.ts';
import { digestOfJson } from './canonical-json.ts';
import { findCharts, type ChartUsage } from '../issues/scan-usages.ts';
import { issueLockKey, readCachedIssueLock, storeIssueLock } from './issue-lock-cache.ts';
import type { ChartLock, FigureLock, IssueLock, SourceLock } from './lock-types.ts';
import type { IssueSource } from '../issues/read-issues.ts';
import { tableMemoJson } from './table-memo-json.ts';

// One for the process: the issues it computes bind the same long series, each cut at its asOf.
const boundJson = tableMemoJson();

/**
 * Computes an issue outside Vite, as the build would: its figures with computeFigures, and each
 * chart's data bound with bindSpecData (cut at asOf) and digested.
 */
export async function snapshotIssue(issue: IssueSource): Promise<IssueLock> {
  // The MDX is parsed once, for the key and the lock; a parse that fails is tried again where it did.
  let found: ChartUsage[] | undefined;
  const usages = (): ChartUsage[] => (found ??= findCharts(issue.text, issue.file));
  // An unchanged issue of a large archive is read back, not computed again (issue-lock-cache.ts).
  const key = issueLockKey(issue, usages);
  const cached = key ? readCachedIssueLock(key) : undefined;
  if (cached) return cached;
  const { lock, reads } = await computeIssueLock(issue, usages);
  if (key) storeIssueLock(key, lock, reads);
  return lock;
}

async function computeIssueLock(issue: IssueSource, usages: () => ChartUsage[]): Promise<{ lock: IssueLock; reads: Map<string, string> }> {
  const { asOf } = issue.data;
  const computed = await computeIssueFigures(issue);
  const figures: Record<string, FigureLock> = {};
  const files = new Set<string>();
  for (const f of computed.figures.values()) {
    figures[f.name] = { rendered: f.rendered, value: f.value, sources: f.sources.map(sourceLock) };
    for (const s of f.sources) files.add(s.file);
  }
  const charts: Record<string, ChartLock> = {};
  for (const use of usages()) {
    const spec = readSpec(use.spec, issue.dir, use.usage);
    // The lock digests every row (`full`): the sampled copy a chart draws is not needed here.
    const bound = bindSpecData(spec, asOf, computed.datasets, { sample: false });
    const key = path.relative(issue.dir, spec.abs).split(path.sep).join('/');
    charts[key] = { data: digestOfJson(boundJson(boundData(bound.full))), sources: bound.sources.map((s) => s.file).sort() };
    for (const s of bound.sources) files.add(s.file);
  }
  const digests: Record<string, string> = {};
  // A file a query read was digested then (never parsed here: it may be far larger than t.data reads).
  for (const file of [...files].sort()) digests[file] = computed.loaded.get(file) ?? loadDataFileById(file, { file: issue.file }).digest;
  const reads = new Map([...computed.loaded, ...Object.entries(digests)]);
  return { lock: { asOf, figures, charts, files: digests }, reads };
}

async function computeIssueFigures(issue: IssueSource): Promise<IssueFigures> {
  const abs = path.join(issue.dir, 'figures.ts');
  const mod = fs.existsSync(abs) ? ((await import(pathToFileURL(abs).href)) as { default?: unknown }) : undefined;
  return issueFiguresOf(issue.slug, issue.dir, issue.data.asOf, mod);
}

function sourceLock(s: SourceRef): SourceLock {
  return s.latest ? { file: s.file, columns: [...s.columns], latest: true } : { file: s.file, columns: [...s.columns] };
}

/** Every inline dataset and bound `data` of a spec, in document order: what the chart draws. */
function boundData(spec: Record<string, unknown>): unknown[] {
  const found: unknown[] = [spec.datasets ?? null];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && typeof v === 'object' && v !== null) found.push(v);
      else visit(v);
    }
  };
  visit(spec);
  return found;
}
