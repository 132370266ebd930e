import fs from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { expect } from 'vitest';

/** Every spec of the fixtures, valid ones, and each spoilt a few ways: what the validator says of them. */
export function specs(): unknown[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.vl.json')) found.push(p);
    }
  };
  walk(path.join(import.meta.dirname, '..', 'fixtures'));
  const valid = found.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const junk = [42, 'nope', null, true, [], {}, { field: 3 }, 'lin', 'temporl', -1, [1, 'a']];
  const spoil = (spec: unknown): unknown => {
    const copy = structuredClone(spec);
    const places: [Record<string | number, unknown>, string | number][] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach((v, i) => (places.push([node as unknown as Record<number, unknown>, i]), visit(v)));
      else if (typeof node === 'object' && node !== null) {
        for (const [k, v] of Object.entries(node)) if (k !== 'values' && k !== 'datasets') (places.push([node as Record<string, unknown>, k]), visit(v));
      }
    };
    visit(copy);
    for (let i = 0; i < 1 + Math.floor(next() * 3) && places.length; i++) {
      const [node, key] = places[Math.floor(next() * places.length)]!;
      const r = next();
      if (r < 0.5 || Array.isArray(node)) node[key] = junk[Math.floor(next() * junk.length)];
      else if (r < 0.75) node[`bogus${Math.floor(next() * 3)}`] = 1;
      else delete node[key];
    }
    return copy;
  };
  return [...valid, ...valid.flatMap((s) => Array.from({ length: 6 }, () => spoil(s)))];
}

export const said = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, e.message]);

/** Checks that `ours` finds every spec of specs() valid or not as `reference` does, with the same errors in the same order; returns how many were refused. */
export function expectSameVerdicts(ours: ValidateFunction, reference: ValidateFunction): { all: number; invalid: number } {
  const all = specs();
  let invalid = 0;
  for (const spec of all) {
    const valid = reference(spec);
    if (!valid) invalid++;
    expect(ours(spec)).toBe(valid);
    expect(said(ours.errors)).toEqual(said(reference.errors));
  }
  return { all: all.length, invalid };
}
