import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin, type MdastPluginEntry, type PluginFactoryContext } from 'satteri';

/** The MDX tags Tally binds. */
export const TAGS = ['Fig', 'Chart'] as const;

/**
 * An mdast plugin for Astro's MDX compiler: it stamps every `<Fig>` and `<Chart>` with the
 * file, line and column it was written at, so a misspelt name fails with its exact place.
 */
export function locateUsages(root: string): MdastPluginEntry {
  return (ctx: PluginFactoryContext) => {
    if (!ctx.fileURL || ctx.sourceFormat !== 'mdx') return null;
    const file = path.relative(root, fileURLToPath(ctx.fileURL)).split(path.sep).join('/');
    const stamp = (node: { name?: string | null; attributes: unknown[]; position?: { start: { line: number; column: number } } | undefined }, c: { replaceNode: (a: never, b: never) => void }) => {
      if (!node.name || !(TAGS as readonly string[]).includes(node.name)) return;
      const at = node.position?.start;
      const attr = (name: string, value: string) => ({ type: 'mdxJsxAttribute', name, value });
      c.replaceNode(node as never, {
        ...node,
        attributes: [...node.attributes, attr('__src', file), attr('__line', String(at?.line ?? '')), attr('__column', String(at?.column ?? ''))],
      } as never);
    };
    return defineMdastPlugin({
      name: 'tally-locate-usages',
      options: { position: true },
      mdxJsxTextElement: stamp as never,
      mdxJsxFlowElement: stamp as never,
    });
  };
}
