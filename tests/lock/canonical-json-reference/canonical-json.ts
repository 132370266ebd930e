// The canonical JSON the lock printed before the sorted copy came back (JSON.stringify with a
// list of every key): kept as a test oracle, since every lock file digest came from one of the two.
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
  // Plain data (chart rows, mostly) is printed by JSON.stringify with its keys listed in the
  // sorted copy's order, which prints each object's keys in that order: the same string as the
  // sorted copy's, without making a copy of every row.
  const keys = canonicalKeyList(value);
  return keys ? JSON.stringify(value, keys) : JSON.stringify(sortKeys(value));
}

/** Keys at or below this: integer keys JavaScript lists first, in numeric order, as array indices. */
const MAX_INDEX = 2 ** 32 - 2;
const INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Every key of every object in `value`, in the order its sorted copy (sortKeys) lists them:
 * array-index keys first in numeric order, as JavaScript orders any object's own keys, then the
 * others in code-unit order. Undefined where printing the value itself with that list could
 * print otherwise than its sorted copy: an object that is not plain (a Date copies to {}), a
 * non-enumerable key (the list would print it), a key `__proto__` or `toJSON` (which act on the
 * copy). Undefined too when the list would be much longer than the keys objects have, since
 * every object looks up every listed key.
 */
function canonicalKeyList(value: unknown): string[] | undefined {
  const keys = new Set<string>();
  let objects = 0;
  let owned = 0;
  const plain = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return true;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype || Object.hasOwn(v, 'toJSON')) return false;
      for (let i = 0; i < v.length; i++) if (!plain(v[i])) return false;
      return true;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const own = Object.keys(v);
    if (Object.getOwnPropertyNames(v).length !== own.length) return false;
    objects++;
    owned += own.length;
    for (const k of own) {
      if (k === '__proto__' || k === 'toJSON') return false;
      keys.add(k);
      if (!plain((v as Record<string, unknown>)[k])) return false;
    }
    return true;
  };
  if (!plain(value)) return undefined;
  if (objects * keys.size > 4 * owned + 4096) return undefined;
  const index: string[] = [];
  const named: string[] = [];
  for (const k of keys) (INDEX.test(k) && Number(k) <= MAX_INDEX ? index : named).push(k);
  return [...index.sort((a, b) => Number(a) - Number(b)), ...named.sort()];
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
