import { mdxToMdast } from 'satteri';

/** The parts of an mdast node Tally reads; satteri materializes unist-shaped nodes. */
export interface Node {
  type: string;
  name?: string | null;
  value?: string;
  children?: Node[];
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
}

/**
 * Parses MDX with satteri, the parser Astro's MDX compiler uses, so front matter, tags, code and
 * expressions are the nodes the build sees. Offsets are string indexes into `text`.
 */
export function parseMdx(text: string): Node {
  return mdxToMdast(text, { position: true }) as unknown as Node;
}

/** Calls `visit` on every node, depth first; returning false skips the node's children. */
export function walk(node: Node, visit: (node: Node) => boolean | void): void {
  if (visit(node) === false) return;
  for (const child of node.children ?? []) walk(child, visit);
}

export function isJsx(node: Node): boolean {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

/** The literal value of a JSX attribute (`spec="./x.vl.json"`), or undefined. */
export function attribute(node: Node, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}
