import { createHash } from 'node:crypto';

/**
 * A copy of `value` with every object's keys in code-point order, so equal data prints equal.
 * The rows of a table share their keys: the last object's keys, sorted, are reused while the
 * next object has the same keys in the same order, rather than sorted again for every row.
 */
export function sortKeys(value: unknown): unknown {
  let lastKeys: string[] = [];
  let lastSorted: string[] = [];
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (typeof v !== 'object' || v === null) return v;
    const keys = Object.keys(v);
    if (!sameKeys(keys, lastKeys)) {
      lastKeys = keys;
      lastSorted = [...keys].sort();
    }
    const sorted = lastSorted;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i]!;
      const item = (v as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = copy(item);
    }
    return out;
  };
  return copy(value);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** JSON with sorted keys and no whitespace: the form that is digested. */
export function canonicalJson(value: unknown): string {
  // The sorted copy prints through JSON.stringify's fast path for plain objects; a list of keys
  // (every object looked up by every key of the list) took about 1.2 times as long on chart rows.
  return JSON.stringify(sortKeys(value));
}

/** The first 16 hex digits of the SHA-256 of the canonical JSON, as data files are digested. */
export function digestOf(value: unknown): string {
  return digestOfJson(canonicalJson(value));
}

/** digestOf's digest of a value whose canonical JSON is already printed. */
export function digestOfJson(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/**
 * Pretty JSON with sorted keys and a final newline, for files people review in diffs: a value
 * that fits on one line within `width` columns stays on one line, so a changed figure is one
 * changed line.
 */
export function prettyJson(value: unknown, width = 160): string {
  return `${pretty(sortKeys(value), '', width, 0)}\n`;
}

/** `lead`: how many characters (a key) come before the value on its first line. */
function pretty(value: unknown, indent: string, width: number, lead: number): string {
  const flat = inline(value);
  if (typeof value !== 'object' || value === null || indent.length + lead + flat.length <= width) return flat;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => inner + pretty(v, inner, width, 0))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner, width, JSON.stringify(k).length + 2)}`);
  if (!items.length) return flat;
  return Array.isArray(value) ? `[\n${items.join(',\n')}\n${indent}]` : `{\n${items.join(',\n')}\n${indent}}`;
}

/** One-line JSON with a space after each colon and comma, as a reviewer would write it. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
