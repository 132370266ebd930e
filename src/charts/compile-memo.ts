/**
 * Compiles remembered by their spec without its rows. A newsletter's issues draw the same chart
 * specs over new data, and neither Vega-Lite's compile nor Vega's parse looks at the rows: they
 * are set aside (each inline table a one-row stand-in), the spec compiled and parsed once per
 * shape, layout and config, and the rows put back by reference into each use of the dataflow.
 * Each worker thread keeps its own few compiles, in memory only.
 */
import { randomUUID } from 'node:crypto';
import { INGEST } from './interactive-file.ts';

/** The key of a table's one-row stand-in: `{ "$tallyRows": "<marker>:<table>" }`. */
const ROWS_KEY = '$tallyRows';

/** New in each process and never written out, so no row of data can pass for a stand-in. */
const MARKER = randomUUID();

export interface RowsAside {
  /** The spec with each inline table (`data.values` anywhere, each entry of top-level `datasets`) a one-row stand-in. */
  rowless: Record<string, unknown>;
  /** `rowless` as JSON: with the layout and the config, all the compile depends on. */
  json: string;
  /** Each table's rows, in the order first met; equal tables (the same JSON) once. */
  tables: unknown[][];
  /** Table i as JSON (made once per array, kept in the cache given to setRowsAside). */
  tableJson: (i: number) => string;
}

/**
 * Takes the inline tables out of a spec (a copy; the input is not changed). Equal tables get the
 * same stand-in, as Vega-Lite merges equal inline sources: the compile is then the same as with
 * the rows. Tables are compared by JSON only when there are two or more; `jsonCache` keeps each
 * array's JSON across calls (the layouts of one chart share their rows), as `write` makes it.
 */
export function setRowsAside(spec: Record<string, unknown>, jsonCache = new Map<unknown[], string>(), write: (rows: unknown[]) => string = JSON.stringify): RowsAside {
  const met: { rows: unknown[]; standIn: Record<string, string> }[] = [];
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): unknown => {
    if (Array.isArray(node)) {
      if ((key === 'values' && parent === 'data') || parent === 'datasets') {
        const standIn = { [ROWS_KEY]: '' };
        met.push({ rows: node, standIn });
        return [standIn];
      }
      return node.map((n) => walk(n, undefined, key));
    }
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, k, key);
    return out;
  };
  const rowless = walk(spec, undefined, undefined) as Record<string, unknown>;
  const jsonOf = cachedTableJson(jsonCache, write);
  const tables: unknown[][] = [];
  const byRows = new Map<unknown[], number>();
  const byJson = new Map<string, number>();
  for (const { rows, standIn } of met) {
    let i = byRows.get(rows);
    if (i === undefined) {
      if (met.length > 1) {
        const json = jsonOf(rows);
        i = byJson.get(json);
        if (i === undefined) byJson.set(json, (i = tables.push(rows) - 1));
      } else i = tables.push(rows) - 1;
      byRows.set(rows, i);
    }
    standIn[ROWS_KEY] = `${MARKER}:${i}`;
  }
  return { rowless, json: JSON.stringify(rowless), tables, tableJson: (i) => jsonOf(tables[i]!) };
}

/** A table's JSON as `write` makes it, made once per array and kept in `cache` (shared by the layouts of one chart). */
export function cachedTableJson(cache: Map<unknown[], string>, write: (rows: unknown[]) => string = JSON.stringify): (rows: unknown[]) => string {
  return (rows) => {
    let json = cache.get(rows);
    if (json === undefined) cache.set(rows, (json = write(rows)));
    return json;
  };
}

/** The table a stand-in names, when `v` is one (an array of the one stand-in row). */
function tableOf(v: unknown): number | undefined {
  if (!Array.isArray(v) || v.length !== 1) return undefined;
  const row = v[0] as Record<string, unknown> | null;
  const ref = typeof row === 'object' && row !== null ? row[ROWS_KEY] : undefined;
  if (typeof ref !== 'string' || !ref.startsWith(`${MARKER}:`) || Object.keys(row!).length !== 1) return undefined;
  return Number(ref.slice(MARKER.length + 1));
}

/** Where a table goes back in a parsed dataflow. */
class TableSlot {
  readonly table: number;
  constructor(table: number) {
    this.table = table;
  }
}

/**
 * Vega's parsed dataflow (`vega.parse` of the rowless compile) made a template: each stand-in
 * Vega ingests becomes a slot for its table, in place. Undefined when a stand-in is met anywhere
 * else (not expected): that spec is compiled with its rows.
 */
export function dataflowTemplate(dataflow: object): object | undefined {
  let stray = false;
  const walk = (node: unknown): void => {
    if (stray || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    if (typeof o[ROWS_KEY] === 'string' && (o[ROWS_KEY] as string).startsWith(`${MARKER}:`)) stray = true;
    for (const [k, v] of Object.entries(o)) {
      const table = k === INGEST ? tableOf(v) : undefined;
      if (table === undefined) walk(v);
      else o[k] = new TableSlot(table);
    }
  };
  walk(dataflow);
  return stray ? undefined : dataflow;
}

/**
 * A copy of the template with each table's rows in its slots, by reference. A table a second
 * slot names again (equal tables of two sources Vega-Lite did not merge) gets a copy of its
 * rows there, as it would have from its own spec: Vega marks the rows it ingests.
 */
export function withTables(template: object, tables: readonly unknown[][], tableJson: (i: number) => string): object {
  const given = new Set<number>();
  const copy = (node: unknown): unknown => {
    if (node instanceof TableSlot) {
      if (!given.has(node.table)) return given.add(node.table), tables[node.table];
      return JSON.parse(tableJson(node.table)) as unknown[];
    }
    if (Array.isArray(node)) return node.map(copy);
    if (typeof node !== 'object' || node === null || node instanceof Date || node instanceof RegExp) return node;
    // Vega's operators are instances of its parser's Entry: copies keep their prototype.
    const out = Object.create(Object.getPrototypeOf(node) as object | null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(node)) out[k] = copy(v);
    return out;
  };
  return copy(template) as object;
}

/** A dataflow's JSON cut at each ingested stand-in: parts[i], table tables[i], parts[i + 1]... */
export interface JsonTemplate {
  parts: string[];
  tables: number[];
}

/**
 * The parsed dataflow's JSON made a template: each ingested stand-in (`"$ingest":[<stand-in>]`)
 * is a cut where a reference to its table goes. Undefined when a stand-in is met anywhere else.
 */
export function jsonTemplate(json: string): JsonTemplate | undefined {
  const standIn = new RegExp(`"\\${INGEST}":\\[\\{"\\${ROWS_KEY}":"${MARKER}:(\\d+)"\\}\\]`, 'g');
  const parts: string[] = [];
  const tables: number[] = [];
  let from = 0;
  for (const m of json.matchAll(standIn)) {
    parts.push(json.slice(from, m.index));
    tables.push(Number(m[1]));
    from = m.index + m[0].length;
  }
  parts.push(json.slice(from));
  const all = json.split(`"${ROWS_KEY}":"${MARKER}:`).length - 1;
  return all === tables.length ? { parts, tables } : undefined;
}

/** The template's JSON with `"$ingest":<ref(table)>` at each cut. */
export function fillJson(template: JsonTemplate, ref: (table: number) => string): string {
  let out = template.parts[0]!;
  for (let i = 0; i < template.tables.length; i++) out += `"${INGEST}":${ref(template.tables[i]!)}${template.parts[i + 1]}`;
  return out;
}

/**
 * The tables of an interactive file, in the order its views name them (`placeOf`, called in that
 * order, gives a table's place and adds it when new), equal tables (the same `jsonOf`) once.
 */
export function tablePlaces(jsonOf: (rows: unknown[]) => string): { tables: unknown[][]; placeOf: (rows: unknown[]) => number } {
  const tables: unknown[][] = [];
  const places = new Map<unknown[], number>();
  const placeOf = (rows: unknown[]): number => {
    let at = places.get(rows);
    if (at === undefined) {
      if (tables.length > 0) {
        const json = jsonOf(rows);
        at = tables.findIndex((t) => jsonOf(t) === json);
      }
      if (at === undefined || at < 0) at = tables.push(rows) - 1;
      places.set(rows, at);
    }
    return at;
  };
  return { tables, placeOf };
}

/** The compiles a thread remembers, the least recently used forgotten first. */
export interface CompileMemo<T> {
  get: (key: string) => T | undefined;
  set: (key: string, value: T) => void;
  delete: (key: string) => void;
}

const memos: Map<string, unknown>[] = [];
let enabled = true;
let hits = 0;

/**
 * A memo of at most `limit` compiles, keyed by the kind of compile, the layout and the rowless
 * spec's JSON (a key longer than `longestKey` characters is not kept: a spec whose bulk is not
 * rows, such as a map's shapes).
 */
export function compileMemo<T>(limit = 32, longestKey = 1 << 20): CompileMemo<T> {
  const entries = new Map<string, T>();
  memos.push(entries);
  return {
    get: (key) => {
      if (!enabled) return undefined;
      const hit = entries.get(key);
      if (hit !== undefined) {
        hits++;
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set: (key, value) => {
      if (!enabled || key.length > longestKey) return;
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
    delete: (key) => void entries.delete(key),
  };
}

/**
 * Turns the memos off (and empties them) or on. Off, nothing is remembered and the drawing is
 * compiled with its rows, as before the memo: tests compare the two.
 */
export function setCompileMemo(on: boolean): void {
  enabled = on;
  for (const m of memos) m.clear();
}

export function compileMemoOn(): boolean {
  return enabled;
}

/** How many compiles this thread was spared so far. */
export function compileMemoHits(): number {
  return hits;
}
