import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REFERENCE = path.join(ROOT, 'docs/api/README.md');
const run = promisify(execFile);

/** The names src/api.ts exports, read from its export lists. */
function apiExports(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'src/api.ts'), 'utf8');
  return [...text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/).at(-1)!)).filter(Boolean);
}

/** The sections of the reference: heading name → its text. */
function sections(markdown: string): Map<string, string> {
  return new Map(markdown.split(/^### /m).slice(1).map((s) => [s.slice(0, s.indexOf('\n')).trim(), s]));
}

describe('the API reference (docs/api)', () => {
  it('is what `npm run docs:api` generates from the source now', async () => {
    const out = tempDir('tally-api-');
    try {
      await run(process.execPath, [path.join(ROOT, 'scripts/api-docs.ts'), '--out', out], { cwd: ROOT });
      const fresh = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
      expect(fresh.length).toBeGreaterThan(1000);
      expect(fs.readFileSync(REFERENCE, 'utf8'), 'docs/api/README.md is out of date: an export of src/api.ts or its doc comment changed; run `npm run docs:api` and commit docs/api').toBe(fresh);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('documents every export of src/api.ts, each function with an example', () => {
    const docs = sections(fs.readFileSync(REFERENCE, 'utf8'));
    const names = apiExports();
    expect(names).toContain('drawdown');
    expect(names.filter((n) => !docs.has(n))).toEqual([]);
    const functions = [...docs].filter(([, text]) => /^```ts\nfunction /m.test(text));
    expect(functions.length).toBeGreaterThan(20);
    // An example is a second TypeScript block after the signature (an @example, or one in the doc text).
    expect(functions.filter(([, text]) => text.split('```ts').length < 3).map(([name]) => name)).toEqual([]);
  });
});
