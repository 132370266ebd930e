import type { Loc } from '../errors.ts';
import { attribute, isJsx, parseMdx, walk } from '../audit/mdx-tree.ts';

/** A `<Chart spec="…">` written in an issue, with where it was written. */
export interface ChartUsage {
  spec: string;
  usage: Loc;
}

/** Every `<Chart>` with a literal spec in the MDX, in reading order. Others fail at render. */
export function findCharts(text: string, file: string): ChartUsage[] {
  const found: ChartUsage[] = [];
  walk(parseMdx(text), (node) => {
    if (!isJsx(node) || node.name !== 'Chart') return;
    const spec = attribute(node, 'spec');
    const at = node.position?.start;
    if (spec) found.push({ spec, usage: { file, line: at?.line, column: at?.column } });
  });
  return found;
}
