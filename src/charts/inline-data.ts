type Row = Record<string, unknown>;

/**
 * The spec with every inline table (`data.values`, at any depth, and each of the top-level
 * `datasets`) passed through `fn`; tables `fn` returns unchanged are shared, not copied.
 * `records`, when given, holds arrays already known to be tables (every entry a record), so that
 * several passes of one binding look at each row once: an array `fn` returns unchanged joins it.
 * Only for arrays nobody changes between the passes.
 */
export function mapInlineData(spec: Record<string, unknown>, fn: (rows: Row[]) => Row[], records?: WeakSet<readonly unknown[]>): Record<string, unknown> {
  const table = (v: unknown): unknown => {
    if (!Array.isArray(v)) return v;
    if (!records?.has(v)) {
      if (!isTable(v)) return v;
      records?.add(v);
    }
    const out = fn(v as Row[]);
    if (out === v) records?.add(out);
    return out;
  };
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

/** True when every entry is a record (an object, not an array). */
function isTable(v: readonly unknown[]): boolean {
  for (let i = 0; i < v.length; i++) {
    const r = v[i];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  }
  return true;
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
  if (rowsShareKeys(rows)) return rows;
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

/**
 * True when every row is a plain record with the first row's keys in its order, so none lacks
 * a key: the common case, told without a set of keys or an array of them per row. Anything else
 * (another order, a prototype's enumerable keys) is left to the general pass.
 */
export function rowsShareKeys(rows: readonly Row[]): boolean {
  if (rows.length === 0) return true;
  if (!prototypeHasNoKeys()) return false;
  const first = Object.keys(rows[0]!);
  const n = first.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const proto = Object.getPrototypeOf(r) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    let j = 0;
    for (const k in r) {
      if (j === n || k !== first[j]) return false;
      j++;
    }
    if (j !== n) return false;
  }
  return true;
}

/** True while no enumerable key was added to Object.prototype (which every plain record would inherit). */
export function prototypeHasNoKeys(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}
