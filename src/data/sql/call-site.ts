import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loc } from '../../core/errors.ts';
import { projectRoot } from '../../core/paths.ts';

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/**
 * Where in `loc.file` the caller stands, from a stack taken at the call: the first frame in that
 * file (a query built in a helper beside the figure still points at the figure's line). A
 * production build bundles figures.ts into a chunk, so its frames are gone: the call is then
 * found by its template text (`raw`, the literal parts of a tagged template) in the file. Falls
 * back to the file alone.
 */
export function callSite(stack: string | undefined, loc: Loc, raw?: readonly string[]): Loc {
  const target = path.resolve(projectRoot(), loc.file);
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = line.trim().match(FRAME);
    if (!m) continue;
    let file = m[1]!.replace(/\?.*$/, '');
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (path.resolve(projectRoot(), file) === target) return { file: loc.file, line: Number(m[2]), column: Number(m[3]) };
  }
  return (raw && templateSite(target, raw, loc.file)) || { file: loc.file };
}

/** The backtick of the first template in the file whose literal parts are `raw`, in order. */
function templateSite(abs: string, raw: readonly string[], file: string): Loc | undefined {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  const first = `\`${raw[0]}${raw.length > 1 ? '${' : '`'}`;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    let pos = at + first.length;
    const follows = raw.slice(1).every((part, i) => {
      const end = `}${part}${i === raw.length - 2 ? '`' : '${'}`;
      const found = text.indexOf(end, pos);
      if (found < 0) return false;
      pos = found + end.length;
      return true;
    });
    if (!follows) continue;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { file, line, column: at - before.lastIndexOf('\n') };
  }
  return undefined;
}
