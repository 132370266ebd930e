import { createHash } from 'node:crypto';

/** A copy of `value` with every object's keys in code-point order, so equal data prints equal. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** JSON with sorted keys and no whitespace: the form that is digested. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The first 16 hex digits of the SHA-256 of the canonical JSON, as data files are digested. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
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
