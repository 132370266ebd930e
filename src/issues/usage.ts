import { fail, type Loc } from '../core/errors.ts';

/** The props the MDX compiler stamps on every <Fig> and <Chart> (see integration/locate-usages.ts). */
export interface Stamped {
  __src?: string;
  __line?: string;
  __column?: string;
}

/** Where a tag was written, and the slug of the issue it belongs to. */
export function usageOf(tag: string, props: Stamped): { usage: Loc; slug: string } {
  const file = props.__src ?? '';
  const usage: Loc = { file: file || '(unknown file)', line: Number(props.__line) || undefined, column: Number(props.__column) || undefined };
  const m = /^content\/issues\/([^/]+)\/index\.mdx$/.exec(file);
  if (!m) fail('MissingAttribute', usage, tag, 'issue');
  return { usage, slug: m[1]! };
}
