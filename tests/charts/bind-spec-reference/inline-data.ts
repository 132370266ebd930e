type Row = Record<string, unknown>;

/**
 * The spec with every inline table (`data.values`, at any depth, and each of the top-level
 * `datasets`) passed through `fn`; tables `fn` returns unchanged are shared, not copied.
 */
export function mapInlineData(spec: Record<string, unknown>, fn: (rows: Row[]) => Row[]): Record<string, unknown> {
  const table = (v: unknown): unknown => (Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)) ? fn(v as Row[]) : v);
  const walk = (node: unknown, key: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, undefined));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (key === 'data' && k === 'values') out[k] = table(v);
      else if (key === 'datasets') out[k] = table(v);
      else out[k] = walk(v, k);
    }
    return out;
  };
  return walk(spec, undefined) as Record<string, unknown>;
}

/** Every field an encoding of the spec reads with `pick` true of its definition (layers, concats, facets). */
export function encodingFields(spec: unknown, pick: (def: Row) => boolean): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown, inEncoding: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, inEncoding));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Row;
    if (inEncoding && typeof o.field === 'string' && pick(o)) found.add(o.field);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'datasets') visit(v, inEncoding || k === 'encoding');
  };
  visit(spec, false);
  return found;
}

/**
 * Records that omit a key another record has get it as null: a missing value, which Vega-Lite
 * draws as a gap or a "null" group, where a key absent from some records lost their series.
 */
export function fillMissingKeys(rows: Row[]): Row[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k in r) keys.add(k);
  if (rows.every((r) => Object.keys(r).length === keys.size)) return rows;
  return rows.map((r) => {
    if (Object.keys(r).length === keys.size) return r;
    const out: Row = {};
    for (const k of keys) out[k] = k in r ? r[k] : null;
    return out;
  });
}
