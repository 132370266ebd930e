import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingLock } from '../../src/lock/check-lock.ts';
import { commitPendingLock, finishLock, PENDING_LOCK_ENV } from '../../src/lock/commit-lock.ts';
import type { IssueLock } from '../../src/lock/lock-types.ts';
import { rejected } from '../adversarial/errors.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const issue: IssueLock = { asOf: '2026-01-08', figures: { p: { rendered: '1', value: 1, sources: [{ file: 'a.csv', columns: ['v'] }] } }, charts: {}, files: { 'a.csv': '1111111111111111' } };
const LOCKED = '{"version": 1, "issues": {}}\n';

describe('the lock is written at the end of a build, and only then', () => {
  let root: string;
  const messages: string[] = [];
  const logger = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(m) };
  const lockText = () => fs.readFileSync(path.join(root, 'tally.lock.json'), 'utf8');
  beforeEach(() => {
    root = tempDir('tally-commit-');
    fs.writeFileSync(path.join(root, 'tally.lock.json'), LOCKED);
    process.env.TALLY_ROOT = root;
    messages.length = 0;
  });
  afterEach(() => {
    delete process.env.TALLY_ROOT;
    delete process.env[PENDING_LOCK_ENV];
  });

  const pending = (over: Partial<PendingLock> = {}): PendingLock => ({ lock: { version: 1, issues: { a: issue } }, added: ['a (new issue)'], broken: {}, ...over });

  it('writes what entered the lock and says so', () => {
    finishLock(pending(), logger);
    expect(JSON.parse(lockText()).issues.a.asOf).toBe('2026-01-08');
    expect(messages).toEqual(['Locked in tally.lock.json (commit it): a (new issue).']);
  });

  it('leaves the file as it was when nothing entered it', () => {
    finishLock(pending({ added: [] }), logger);
    expect(lockText()).toBe(LOCKED);
  });

  it('refuses to write while a published issue could not be computed, naming it with its error', async () => {
    const broken = { b: { code: 'BadCell', message: 'data/a.csv:3:2: Column "v" is declared number, but the cell holds "x".', hint: 'Numbers use a dot.' } };
    const e = await rejected(Promise.resolve().then(() => finishLock(pending({ broken }), logger)));
    expect(e.code).toBe('LockIncomplete');
    expect(e.message).toContain('A published issue could not be computed, so tally.lock.json was left as it was:');
    expect(e.message).toContain('  b: data/a.csv:3:2: Column "v" is declared number');
    expect(lockText()).toBe(LOCKED);
  });

  it('under scripts/build.ts, hands the lock over in a pending file, written only when the script commits it', () => {
    const file = path.join(root, '.dist-lock-1.json');
    process.env[PENDING_LOCK_ENV] = file;
    finishLock(pending(), logger);
    expect(lockText()).toBe(LOCKED);
    expect(fs.existsSync(file)).toBe(true);
    commitPendingLock(file, logger);
    expect(Object.keys(JSON.parse(lockText()).issues)).toEqual(['a']);
    expect(fs.existsSync(file)).toBe(false);
    expect(messages).toEqual(['Locked in tally.lock.json (commit it): a (new issue).']);
  });
});
