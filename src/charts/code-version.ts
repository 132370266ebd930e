import { codeVersion } from '../code-version.ts';

/**
 * The code a chart's bytes depend on: drawing (src/charts), reading and cutting data
 * (src/data), escaping, and the installed vega and vega-lite. Any change to either invalidates
 * every cached chart.
 */
export function chartCodeVersion(root: string): string {
  return codeVersion(root, { folders: ['src/charts', 'src/data'], files: ['src/escape.ts'], packages: ['vega', 'vega-lite', 'd3-dsv', 'yaml'] });
}
