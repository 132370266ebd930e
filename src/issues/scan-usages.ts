import type { Loc } from '../core/errors.ts';
import { attribute, isJsx, parseMdx, walk } from './mdx-tree.ts';

/** A `<Fig>` or `<Chart>` written in an issue, where it was written, in reading order. */
export type Usage = { kind: 'fig'; name: string; usage: Loc } | { kind: 'chart'; spec: string; usage: Loc };

/**
 * Every `<Fig name>` and `<Chart spec>` with a literal attribute in an issue's MDX (the whole
 * file, front matter included, so lines are the file's). Tags without one are left to the
 * components, which fail on them with their place.
 */
export function scanUsages(text: string, file: string): Usage[] {
  const found: Usage[] = [];
  walk(parseMdx(text), (node) => {
    if (!isJsx(node)) return;
    const at = node.position?.start;
    const usage: Loc = { file, line: at?.line, column: at?.column };
    if (node.name === 'Fig') {
      const name = attribute(node, 'name');
      if (name) found.push({ kind: 'fig', name, usage });
    } else if (node.name === 'Chart') {
      const spec = attribute(node, 'spec');
      if (spec) found.push({ kind: 'chart', spec, usage });
    }
  });
  return found;
}

/** A `<Chart spec="…">` written in an issue, with where it was written. */
export interface ChartUsage {
  spec: string;
  usage: Loc;
}

/** Every `<Chart>` with a literal spec in the MDX, in reading order. Others fail at render. */
export function findCharts(text: string, file: string): ChartUsage[] {
  return scanUsages(text, file).flatMap((u) => (u.kind === 'chart' ? [{ spec: u.spec, usage: u.usage }] : []));
}
