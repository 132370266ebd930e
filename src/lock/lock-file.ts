import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';
import { prettyJson } from './canonical-json.ts';
import { LOCK_FILE, type Correction, type LockFile } from './lock-types.ts';

export function lockPath(): string {
  return path.join(projectRoot(), LOCK_FILE);
}

/** The committed lock, or an empty one when the site has none yet. */
export function readLock(): LockFile {
  const abs = lockPath();
  if (!fs.existsSync(abs)) return { version: 1, issues: {} };
  const text = fs.readFileSync(abs, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    fail('LockFile', { file: LOCK_FILE, line }, `${LOCK_FILE} is not valid JSON: ${(e as Error).message}.`);
  }
  const lock = data as Partial<LockFile> | null;
  if (typeof lock !== 'object' || lock === null || lock.version !== 1 || typeof lock.issues !== 'object' || lock.issues === null) {
    fail('LockFile', { file: LOCK_FILE }, `${LOCK_FILE} must hold {"version": 1, "issues": {…}}.`);
  }
  for (const [slug, issue] of Object.entries(lock.issues)) {
    if (typeof issue?.figures !== 'object' || typeof issue.charts !== 'object' || typeof issue.files !== 'object') {
      fail('LockFile', { file: LOCK_FILE, line: lineOf(text, `"${slug}": {`) }, `The entry of issue "${slug}" needs asOf, figures, charts and files.`);
    }
  }
  if (lock.history !== undefined) checkHistory(lock.history, text);
  return lock as LockFile;
}

/** Each issue's corrections must be a list of dated entries naming a figure, its old value and a reason. */
function checkHistory(history: unknown, text: string): void {
  if (typeof history !== 'object' || history === null || Array.isArray(history)) {
    fail('LockFile', { file: LOCK_FILE, line: lineOf(text, '"history": {') }, `"history" in ${LOCK_FILE} must map each issue to its list of corrections.`);
  }
  for (const [slug, list] of Object.entries(history)) {
    const ok = Array.isArray(list) && list.every((c: Partial<Correction> | null) =>
      typeof c === 'object' && c !== null && typeof c.date === 'string' && typeof c.figure === 'string' && typeof c.reason === 'string'
      && typeof c.old?.rendered === 'string' && (c.now === null || typeof c.now?.rendered === 'string') && Array.isArray(c.files));
    if (!ok) fail('LockFile', { file: LOCK_FILE, line: lineOf(text, `"${slug}": [`) }, `The corrections of issue "${slug}" in "history" each need date, figure, old, now, reason and files.`);
  }
}

/** Writes the lock with sorted keys, through a temp file and a rename so a reader never sees half. */
export function writeLock(lock: LockFile): void {
  const abs = lockPath();
  const tmp = `${abs}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, prettyJson(lock));
  fs.renameSync(tmp, abs);
}

/** The line of an issue's entry in the lock, so a failed check points at it. */
export function lockLineOf(slug: string): number | undefined {
  const abs = lockPath();
  return fs.existsSync(abs) ? lineOf(fs.readFileSync(abs, 'utf8'), `"${slug}": {`) : undefined;
}

function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split('\n').length;
}
