/**
 * The columns Vega-Lite's transforms add to the rows, named as the author wrote them (`as`) or,
 * where the author may leave them out, by Vega-Lite's defaults: density → value, density; fold →
 * key, value; quantile → prob, value; pivot → one column per value of the pivoted field; a bin
 * → its `as` and `<as>_end`; loess and regression → their `on` field and the fitted one. An
 * encoding may read any of them as if the data had it.
 */
export function transformOutputs(spec: unknown, rows: Iterable<Record<string, unknown>>): Set<string> {
  const out = new Set<string>();
  const pivots = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  for (const t of transformsOf(spec)) {
    if ('as' in t) add(t.as);
    for (const key of ['aggregate', 'window', 'joinaggregate'] as const) if (Array.isArray(t[key])) for (const op of t[key]) if (op && typeof op === 'object') add((op as { as?: unknown }).as);
    if ('bin' in t && typeof t.as === 'string') out.add(`${t.as}_end`);
    if ('density' in t && !('as' in t)) add(['value', 'density']);
    if ('fold' in t && !('as' in t)) add(['key', 'value']);
    if ('quantile' in t && !('as' in t)) add(['prob', 'value']);
    if (('loess' in t || 'regression' in t) && !('as' in t)) add([t.on, t.loess ?? t.regression]);
    if ('flatten' in t && !('as' in t)) add(t.flatten);
    if ('lookup' in t && t.from && typeof t.from === 'object') add((t.from as { fields?: unknown }).fields);
    if ('pivot' in t && typeof t.pivot === 'string') pivots.add(t.pivot);
  }
  if (pivots.size) for (const row of rows) for (const p of pivots) if (row[p] !== undefined && row[p] !== null) out.add(String(row[p]));
  return out;
}

/** Fields a transform reads that must be in the data for its output to hold anything (fold's fields). */
export function transformInputs(spec: unknown): string[] {
  const inputs: string[] = [];
  for (const t of transformsOf(spec)) if (Array.isArray(t.fold)) for (const f of t.fold) if (typeof f === 'string') inputs.push(f);
  return inputs;
}

/** Every transform of the spec, in layers, concats and facets too. */
export function transformsOf(spec: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'datasets') continue;
      if (k === 'transform' && Array.isArray(v)) for (const t of v) if (t && typeof t === 'object' && !Array.isArray(t)) found.push(t as Record<string, unknown>);
      walk(v);
    }
  };
  walk(spec);
  return found;
}
