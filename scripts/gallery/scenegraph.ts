import * as vega from 'vega';

type Mark = { marktype?: string; role?: string; name?: string; items?: Item[] };
type Item = { datum?: unknown; items?: Mark[] };

/**
 * The data marks of a drawn view, by mark name, each with its items' datums: every mark whose
 * role is "mark", at any depth (facet cells, concatenations, layers). Axes, legends, titles and
 * the group marks that hold views are left out.
 */
export function dataMarks(view: vega.View): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const visit = (mark: Mark): void => {
    if (mark.role === 'mark') {
      const list = out.get(mark.name ?? '') ?? [];
      // A mark drawn from another mark's items (the voronoi cells of a `nearest` selection) has those items as datums: take theirs.
      for (const item of mark.items ?? []) list.push(isItem(item.datum) ? item.datum.datum : item.datum);
      out.set(mark.name ?? '', list);
    }
    if (mark.marktype === 'group') for (const item of mark.items ?? []) for (const child of item.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: Mark }).root);
  return out;
}

const isItem = (v: unknown): v is Item => typeof v === 'object' && v !== null && 'mark' in v && 'datum' in v;

export interface Normalize {
  /** Whole numbers from 1000 to 3000 read as the first day of that year (Tally draws a number column of years on a time axis so). */
  yearsAsDates?: boolean;
  /** Strings to read as others: an inlined image's data URI as the path it was read from. */
  aliases?: ReadonlyMap<string, string>;
  /** Keys left out of every datum. */
  ignore?: ReadonlySet<string>;
  /** When given, the only top-level keys kept. */
  keep?: ReadonlySet<string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const WORDY_DATE = /^[A-Z][a-z]{2} \d{1,2} \d{4}$/;
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A datum as text that two drawings of the same data share however they were fed: dates as
 * milliseconds (a Date, ISO text, "Jan 1 2000"), numbers to 10 significant digits (numeric text
 * too), missing values (null, undefined, NaN) left out, keys sorted.
 */
export function datumKey(datum: unknown, options: Normalize = {}): string {
  return JSON.stringify(normal(datum, options, 0)) ?? 'null';
}

function normal(v: unknown, o: Normalize, depth: number): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : `t${v.getTime()}`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    if (o.yearsAsDates && Number.isInteger(v) && v >= 1000 && v <= 3000) return `t${Date.UTC(v, 0, 1)}`;
    return Number(v.toPrecision(10));
  }
  if (typeof v === 'string') {
    const alias = o.aliases?.get(v);
    if (alias !== undefined) return alias;
    if (ISO_DATE.test(v) || WORDY_DATE.test(v)) {
      const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
      if (!Number.isNaN(t)) return `t${t}`;
    }
    if (NUMERIC.test(v.trim())) return normal(Number(v), o, depth);
    return v;
  }
  if (typeof v !== 'object' || depth > 8) return undefined;
  if (Array.isArray(v)) return v.map((x) => normal(x, o, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    if (o.ignore?.has(k) || (depth === 0 && o.keep && !o.keep.has(k))) continue;
    const n = normal((v as Record<string, unknown>)[k], o, depth + 1);
    if (n !== undefined) out[k] = n;
  }
  return out;
}
