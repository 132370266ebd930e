import { isJsx, walk, type Node } from '../issues/mdx-tree.ts';

/** Stands in for an inline node that is not prose (a <Fig>, code, an expression), so no rule reads across it. */
export const HOLE = '\uFFFC';

/** The prose of one block (paragraph, heading, table cell), with each character's offset in the source. */
export interface ProseBlock {
  text: string;
  offsets: number[];
}

/** Nodes that are not prose at all: front matter, code, ESM, expressions, raw HTML, link definitions. */
const SKIP = new Set(['yaml', 'toml', 'code', 'mdxjsEsm', 'mdxFlowExpression', 'html', 'definition', 'thematicBreak']);
/** Inline nodes that hold no prose: they become a HOLE. */
const HOLES = new Set(['inlineCode', 'mdxTextExpression', 'footnoteReference', 'image', 'imageReference', 'html', 'inlineMath', 'math']);
/** Tags whose content is not a claim: Tally's own tags, and superscripts (footnote marks). */
const SKIP_TAGS = new Set(['Fig', 'Chart', 'sup']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * The prose blocks of an MDX tree, found structurally: front matter, tags, code and
 * expressions are nodes of their own and never reach the text. Inline formatting (emphasis,
 * links) is read through, so "in *2008*" reads as "in 2008".
 */
export function flattenProse(tree: Node, source: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  walk(tree, (node) => {
    if (SKIP.has(node.type) || (isJsx(node) && SKIP_TAGS.has(node.name ?? ''))) return false;
    // A tag written on one line (`<Note>Only 45 left</Note>`) holds its text directly.
    if (!BLOCKS.has(node.type) && !node.children?.some((c) => c.type === 'text')) return true;
    const block: ProseBlock = { text: '', offsets: [] };
    inline(node, source, block);
    if (/\d/.test(block.text)) blocks.push(block);
    return false;
  });
  return blocks;
}

function inline(node: Node, source: string, block: ProseBlock): void {
  for (const child of node.children ?? []) {
    const at = child.position?.start.offset ?? block.offsets.at(-1) ?? 0;
    if (child.type === 'text') append(block, child.value ?? '', source.slice(at, child.position?.end.offset ?? at), at);
    else if (child.type === 'break') push(block, '\n', at);
    else if (HOLES.has(child.type) || (isJsx(child) && SKIP_TAGS.has(child.name ?? ''))) push(block, HOLE, at);
    else inline(child, source, block);
  }
}

/**
 * Appends a text node's value, mapping each character to its place in the raw source. The two
 * differ only where the source escapes (`\_`) or uses entities (`&amp;`): aligned greedily.
 */
function append(block: ProseBlock, value: string, raw: string, start: number): void {
  let j = 0;
  for (const ch of value) {
    const k = raw.indexOf(ch, j);
    const offset = k < 0 ? start + Math.min(j, Math.max(raw.length - 1, 0)) : start + k;
    if (k >= 0) j = k + ch.length;
    for (let u = 0; u < ch.length; u++) push(block, ch[u]!, offset + u);
  }
}

function push(block: ProseBlock, text: string, offset: number): void {
  block.text += text;
  block.offsets.push(offset);
}
