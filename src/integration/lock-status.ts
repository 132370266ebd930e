import fs from 'node:fs';
import path from 'node:path';

/** What the editor page shows beside a figure, when the site has a lock file. */
export type LockStatus = 'locked' | 'not locked' | 'changed';

/** The lock as the editor page reads it: absent, unreadable (with why), or figures by issue. */
export type LockView =
  | { kind: 'absent' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'read'; rendered: Map<string, Map<string, string>> };

/**
 * Reads tally.lock.json for display only, never failing: the lock's own checks belong to the
 * build (lock/check-lock.ts). Only `issues.<slug>.figures.<name>.rendered` is read; any other
 * shape is reported as unreadable rather than guessed at.
 */
export function readLockView(root: string, file = 'tally.lock.json'): LockView {
  const abs = path.join(root, file);
  if (!fs.existsSync(abs)) return { kind: 'absent' };
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (e) {
    return { kind: 'unreadable', reason: `${file} is not valid JSON: ${(e as Error).message}` };
  }
  const issues = isRecord(data) ? data.issues : undefined;
  if (!isRecord(issues)) return { kind: 'unreadable', reason: `${file} has no "issues" object.` };
  const rendered = new Map<string, Map<string, string>>();
  for (const [slug, issue] of Object.entries(issues)) {
    const figures = isRecord(issue) && isRecord(issue.figures) ? issue.figures : {};
    const byName = new Map<string, string>();
    for (const [name, fig] of Object.entries(figures)) {
      if (isRecord(fig) && typeof fig.rendered === 'string') byName.set(name, fig.rendered);
    }
    rendered.set(slug, byName);
  }
  return { kind: 'read', rendered };
}

/** "locked" when the lock holds this rendered value, "changed" when it holds another, else "not locked". */
export function lockStatus(view: LockView, slug: string, name: string, rendered: string): { status: LockStatus; locked?: string } | undefined {
  if (view.kind !== 'read') return undefined;
  const locked = view.rendered.get(slug)?.get(name);
  if (locked === undefined) return { status: 'not locked' };
  return locked === rendered ? { status: 'locked', locked } : { status: 'changed', locked };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
