import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir.ts';

/** A throwaway project root with a data/ folder, used as TALLY_ROOT by unit tests; removed when the test file ends. */
export function tempProject(files: Record<string, string>): string {
  const root = tempDir('tally-unit-');
  for (const [name, text] of Object.entries(files)) {
    const abs = path.join(root, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  process.env.TALLY_ROOT = root;
  return root;
}

export function manifestEntry(file: string, columns?: Record<string, string>, extra = ''): string {
  const cols = columns ? `  columns:\n${Object.entries(columns).map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n` : '';
  return `${file}:\n  title: ${file} title\n  source: Test\n  url: https://example.com/${file}\n  licence: CC0-1.0\n  retrieved: 2026-01-01\n  illustrative: false\n${cols}${extra}`;
}

/**
 * Rewrites a file of a temp project and moves its modification time ahead: Tally's loaders
 * key their memory by modification time and size, so the change is seen at once.
 */
export function editProjectFile(root: string, file: string, text: string): void {
  const abs = path.join(root, file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(abs, t, t);
}
