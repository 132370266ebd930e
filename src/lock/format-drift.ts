import { LOCK_FILE } from './lock-types.ts';
import type { IssueDrift } from './compare-lock.ts';

/**
 * The readable diff a failed build prints: per issue, each figure or chart old → new, then the
 * data files whose bytes changed since the lock was written.
 */
export function formatDrift(drift: readonly IssueDrift[]): string {
  return [`The data would change ${count(drift.length, 'published issue')} recorded in ${LOCK_FILE}:`, ...driftLines(drift)].join('\n');
}

export function driftLines(drift: readonly IssueDrift[]): string[] {
  const lines: string[] = [];
  for (const issue of drift) {
    const asOf = issue.asOf.old === issue.asOf.now ? issue.asOf.now : `${issue.asOf.old} → ${issue.asOf.now}`;
    lines.push('', `  ${issue.slug} (as of ${asOf})`);
    const width = Math.max(...issue.changes.map((c) => label(c).length));
    for (const c of issue.changes) lines.push(`    ${label(c).padEnd(width)}  ${c.old} → ${c.now}`);
    if (issue.files.length) {
      lines.push(`    data files changed since the lock: ${issue.files.map((f) => `data/${f.file} (${f.old ?? 'new'} → ${f.now ?? 'gone'})`).join(', ')}`);
    } else {
      lines.push('    no data file changed: the figures module, a spec or the front matter did.');
    }
  }
  return lines;
}

function label(c: IssueDrift['changes'][number]): string {
  return c.kind === 'figure' ? c.name : `chart ${c.name}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
