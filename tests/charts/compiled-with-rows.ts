import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { fitsWidth, LAYOUT_NAMES, layoutSpec, withLayout, type LayoutName } from '../../src/charts/chart-layout.ts';
import { INGEST, interactiveFileJson, TABLE_REF } from '../../src/charts/interactive-file.ts';
import { interactiveConfig, interactiveSpec } from '../../src/charts/interactive-spec.ts';

/**
 * The chart file as compiled with every row carried through Vega-Lite and Vega's parse (how it
 * was made before the rows were set aside), each inline table of the dataflow moved to `data`
 * in the order met, equal tables once, and the tables written as the file writes them.
 */
export function compiledWithRows(spec: Record<string, unknown>): string {
  const prepared = interactiveSpec(spec);
  const tables: unknown[][] = [];
  const seen = new Map<string, number>();
  const views: Record<string, unknown> = {};
  const layouts: readonly LayoutName[] = fitsWidth(prepared) ? LAYOUT_NAMES : ['wide'];
  const move = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(move);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === INGEST && Array.isArray(v)) {
        const json = JSON.stringify(v);
        let i = seen.get(json);
        if (i === undefined) seen.set(json, (i = tables.push(v) - 1));
        out[k] = { [TABLE_REF]: i };
      } else out[k] = move(v);
    }
    return out;
  };
  for (const layout of layouts) {
    const vg = compile(layoutSpec(prepared, layout) as unknown as TopLevelSpec, { config: withLayout(interactiveConfig(), layout) }).spec;
    views[layout] = move(JSON.parse(JSON.stringify(vega.parse(vg))));
  }
  return interactiveFileJson(tables.map((t) => JSON.stringify(t)), views);
}
