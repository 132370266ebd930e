import { createHash } from 'node:crypto';

/**
 * Where the interactive layer finds a chart's spec: /charts/<issue>/<spec name>.json. The address
 * names the chart, not its content, so `astro dev` can serve the current data after an edit (its
 * list of pages is kept until an MDX file changes); the figure adds `?v=<chart id>`, a digest of
 * the bound spec, so no cache serves an old spec next to a new SVG.
 */
export function chartSpecPath(slug: string, ref: string): string {
  return `/charts/${slug}/${chartKey(ref)}.json`;
}

/** /charts/<issue>/<spec name>.csv: every row behind a chart (cut at asOf), the download of a table too long for the page. */
export function chartCsvPath(slug: string, ref: string): string {
  return `/charts/${slug}/${chartKey(ref)}.csv`;
}

/** "./ytd-returns.vl.json" → "ytd-returns"; a spec outside the folder gets a digest of its ref too. */
export function chartKey(ref: string): string {
  const local = ref.replace(/^\.\//, '');
  const name = local.split('/').pop()!.replace(/(\.vl)?\.json$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'chart';
  if (!local.includes('/') && name === local.replace(/(\.vl)?\.json$/i, '')) return name;
  return `${name}-${createHash('sha256').update(ref).digest('hex').slice(0, 8)}`;
}
