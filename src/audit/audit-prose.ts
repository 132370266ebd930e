import { classifyNumerals } from './classify-numeral.ts';
import { HOLE, flattenProse } from './flatten-prose.ts';
import { parseMdx } from '../issues/mdx-tree.ts';

/** A numeral in the prose: where it is, as written, its sentence, and why it is skipped (if it is). */
export interface Finding {
  line: number;
  column: number;
  numeral: string;
  context: string;
  skip: string | undefined;
}

/**
 * Every numeral in an MDX file's prose, with line and column in the file (front matter
 * included in the count). Those with `skip` undefined are claims the build cannot vouch for.
 */
export function auditProse(source: string, allow: ReadonlyMap<string, string>): Finding[] {
  const lines = lineStarts(source);
  const findings: Finding[] = [];
  for (const block of flattenProse(parseMdx(source), source)) {
    for (const n of classifyNumerals(block.text, allow)) {
      const offset = block.offsets[n.index]!;
      const line = lastAtMost(lines, offset);
      findings.push({ line: line + 1, column: offset - lines[line]! + 1, numeral: n.text, context: contextOf(block.text, n.index, n.text.length), skip: n.skip });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The numeral with up to 30 characters either side, on one line, a HOLE shown as <…>. */
export function contextOf(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 30);
  const to = Math.min(text.length, index + length + 30);
  const clip = text.slice(from, to).replaceAll(HOLE, '<…>').replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${clip}${to < text.length ? '…' : ''}`;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last line start at or before `offset`. */
function lastAtMost(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
