import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importClosure } from '../../src/cache/import-closure.ts';
import { codeVersion, freezeCodeVersions, STORES } from '../../src/cache/stores.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function project(files: Record<string, string>): string {
  const root = tempDir('tally-closure-');
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

describe('the stores', () => {
  it('declare code that exists: each entry module is a file of src/', () => {
    for (const [name, { code }] of Object.entries(STORES)) {
      for (const file of code) expect(fs.existsSync(path.join(ROOT, file)), `${name}: ${file}`).toBe(true);
    }
  });

  it("follow what a store's code imports, and only that", () => {
    const closure = importClosure(ROOT, STORES.charts.code);
    expect(closure.files).toContain('src/charts/render-svg.ts');
    expect(closure.files).toContain('src/charts/theme.ts');
    expect(closure.files).not.toContain('src/renditions/email/write-emails.ts');
    expect(closure.packages.some((p) => p.startsWith('vega@'))).toBe(true);
    // vega's own dependencies count too: an update under it changes the charts' version.
    expect(closure.packages.some((p) => p.startsWith('vega-scenegraph@'))).toBe(true);
    expect(importClosure(ROOT, STORES.png.code).packages.some((p) => p.startsWith('@resvg/resvg-js@'))).toBe(true);
  });
});

describe("a closure's packages", () => {
  it('are those of each package it imports, each walked with its dependencies on its own', () => {
    const root = project({
      'src/entry.ts': "import { a } from './a.ts';\nimport { parse } from 'vega';\n",
      'src/a.ts': "import { compile } from 'vega-lite';\nimport 'vega';\nexport { parse as a } from 'yaml';\n",
    });
    const alone = (pkg: string) => importClosure(project({ 'src/one.ts': `import '${pkg}';\n` }), ['src/one.ts']).packages;
    const union = [...new Set(['vega', 'vega-lite', 'yaml'].flatMap(alone))].sort();
    expect(union.length).toBeGreaterThan(20);
    expect(importClosure(root, ['src/entry.ts']).packages).toEqual(union);
  });
});

describe('closures that share what they learnt (one build)', () => {
  it("give each store's closure as it is on its own", () => {
    const memo = { modules: new Map(), packages: new Map(), resolved: new Map() };
    for (const [name, { code }] of Object.entries(STORES)) expect(importClosure(ROOT, code, memo), name).toEqual(importClosure(ROOT, code));
    expect(memo.modules.size).toBeGreaterThan(50);
  });
});

describe('a code version', () => {
  it('changes with a file the entry imports, through any path, and with a new import', () => {
    const root = project({
      'package.json': '{"imports": {"#lib": "./src/lib.ts"}}',
      'src/entry.ts': "import { a } from './a.ts';\nimport { l } from '#lib';\nconst w = new URL('./worker.ts', import.meta.url);\n",
      'src/a.ts': "export { b as a } from './b.ts';\n",
      'src/b.ts': 'export const b = 1;\n',
      'src/lib.ts': 'export const l = 1;\n',
      'src/worker.ts': 'export {};\n',
      'src/other.ts': 'export const o = 1;\n',
    });
    const v = () => codeVersion(root, ['src/entry.ts']);
    const touch = (f: string, text: string) => {
      fs.writeFileSync(path.join(root, f), text);
      fs.utimesSync(path.join(root, f), new Date(), new Date(Date.now() + Math.random() * 1e6));
    };
    const first = v();
    touch('src/other.ts', 'export const o = 2;\n');
    expect(v()).toBe(first);
    for (const f of ['src/b.ts', 'src/lib.ts', 'src/worker.ts']) {
      const before = v();
      touch(f, `export const changed = ${JSON.stringify(f)};\n`);
      expect(v(), f).not.toBe(before);
    }
    const before = v();
    touch('src/b.ts', "import { o } from './other.ts';\nexport const b = o;\n");
    const withImport = v();
    expect(withImport).not.toBe(before);
    touch('src/other.ts', 'export const o = 3;\n');
    expect(v()).not.toBe(withImport);
  });

  it('stands while a build has frozen it, and follows edits again once thawed', () => {
    const root = project({ 'src/entry.ts': "export { b } from './b.ts';\n", 'src/b.ts': 'export const b = 1;\n' });
    const v = () => codeVersion(root, ['src/entry.ts']);
    const touch = (text: string) => {
      fs.writeFileSync(path.join(root, 'src/b.ts'), text);
      fs.utimesSync(path.join(root, 'src/b.ts'), new Date(), new Date(Date.now() + Math.random() * 1e6));
    };
    const first = v();
    try {
      freezeCodeVersions();
      touch('export const b = 2;\n');
      expect(v()).toBe(first);
    } finally {
      freezeCodeVersions(false);
    }
    expect(v()).not.toBe(first);
  });
});
