// The canonical JSON the lock printed before the sorted copy came back (JSON.stringify with a
// list of every key): kept as a test oracle, since every lock file digest came from one of the two.
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
