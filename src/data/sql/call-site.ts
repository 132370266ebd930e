import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loc } from '../../core/errors.ts';
import { projectRoot } from '../../core/paths.ts';

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/**
 * Where in `loc.file` the caller stands, from a stack taken at the call: the first frame in that
 * file (a query built in a helper beside the figure still points at the figure's line). Falls
 * back to the file alone when no frame is there (a stack cut short, a module bundled elsewhere).
 */
export function callSite(stack: string | undefined, loc: Loc): Loc {
  const target = path.resolve(projectRoot(), loc.file);
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = line.trim().match(FRAME);
    if (!m) continue;
    let file = m[1]!.replace(/\?.*$/, '');
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (path.resolve(projectRoot(), file) === target) return { file: loc.file, line: Number(m[2]), column: Number(m[3]) };
  }
  return { file: loc.file };
}
