import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Each `Example:` block of the API reference (the helpers' @example), by the export it documents. */
function examples(): [name: string, code: string][] {
  const markdown = fs.readFileSync(path.join(ROOT, 'docs/api/README.md'), 'utf8');
  return markdown
    .split(/^### /m)
    .slice(1)
    .flatMap((section) => {
      const name = section.slice(0, section.indexOf('\n')).trim();
      return [...section.matchAll(/^Example:\n\n```ts\n([\s\S]*?)\n```/gm)].map((m): [string, string] => [name, m[1]!]);
    });
}

describe('the examples of the API reference', () => {
  it('type-check as code of a figures module', async () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(25);
    const dir = fs.mkdtempSync(path.join(ROOT, 'tests/.tmp/api-examples-'));
    try {
      const api = path.join(ROOT, 'src/api.ts');
      const names = [...new Set(fs.readFileSync(api, 'utf8').matchAll(/^export \{([^}]*)\}/gm).flatMap((m) => m[1]!.split(',').map((n) => n.trim())))].filter(Boolean);
      all.forEach(([name, code], i) => {
        const header = [`import { ${names.join(', ')} } from ${JSON.stringify(api)};`, `import type { FiguresContext } from ${JSON.stringify(api)};`, 'declare const t: FiguresContext;', ''];
        fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${name}.ts`), `${header.join('\n')}${code}\n`);
      });
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(ROOT, 'tsconfig.json'), include: ['*.ts'], exclude: [], compilerOptions: { types: ['node'] } }));
      const r = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false']).then(
        () => '',
        (e: { stdout?: string }) => e.stdout ?? String(e),
      );
      // Only the examples' own errors: the modules they import are type-checked by `npm run check`.
      const own = path.relative(ROOT, dir);
      expect(r.split('\n').filter((line) => line.startsWith(own))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
