import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, fail } from '../core/errors.ts';
import { store } from '../cache/stores.ts';
import { readEntry, writeEntry } from '../cache/verified-entry.ts';
import { lineOf, type SpecFile } from './read-spec.ts';
import { precompileSpecValidator, specValidator } from './precompile-validator.ts';

export { SCHEMA_OPTIONS } from './spec-schema.ts';

let validator: ValidateFunction | undefined;

/** Compiled once per process, in a worker thread when the build started one (precompile-validator.ts). */
const getValidator = (): ValidateFunction => (validator ??= specValidator());

/**
 * At the start of a build: when no spec was ever found valid in this project (a first or cold
 * build, which checks every spec), Vega-Lite's schema starts compiling in a worker thread. A
 * build with remembered specs checks few or none, and compiles only if one is new.
 */
export function prepareSpecValidation(): void {
  let remembered = false;
  try {
    remembered = fs.readdirSync(store('valid-specs').dir).length > 0;
  } catch {
    // No folder: nothing remembered.
  }
  if (!remembered) precompileSpecValidator();
}

/**
 * Checks a spec against Vega-Lite's own JSON schema, so a misspelt mark or property fails
 * the build with the spec's file and line instead of rendering something else.
 */
export function validateSpec(file: SpecFile): void {
  refuseLinks(file);
  // Compiling Vega-Lite's schema takes over a second: a spec text already found valid (with
  // this vega-lite) is remembered in the cache folder, so a warm build never compiles it.
  const marker = validMarker(file.text);
  if (validated.has(marker) || readEntry(marker) !== undefined) return void validated.add(marker);
  const validate = getValidator();
  if (validate(file.spec)) {
    remember(marker);
    return;
  }
  const { message, needle } = summarize(validate.errors ?? [], file.spec);
  fail('InvalidSpec', { file: file.file, line: needle ? lineOf(file.text, needle) : undefined }, `The file is not a valid Vega-Lite spec: ${message}.`);
}

const validated = new Set<string>();

/** The entry that says this spec text passed (its payload is the text's digest, so a swapped entry says nothing). */
function validMarker(text: string): string {
  const valid = store('valid-specs');
  return valid.path(valid.key(schemaVersion(), text));
}

let schemaDigest: string | undefined;

/** A digest of the schema specs are checked against (it changes with vega-lite). */
function schemaVersion(): string {
  schemaDigest ??= createHash('sha256').update(fs.readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'))).digest('hex');
  return schemaDigest;
}

function remember(marker: string): void {
  validated.add(marker);
  writeEntry(marker, 'valid');
}

/**
 * Charts are static SVG: a link (the `href` channel or mark property) would need Vega to vet a
 * URL taken from data, which the build's no-network loader refuses mid-render; fail here instead.
 */
function refuseLinks(file: SpecFile): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'href') fail('InvalidSpec', { file: file.file, line: lineOf(file.text, '"href"') }, `The spec uses "href": Tally renders charts as static SVG without links. Remove "href" and cite the source in the issue's text instead.`);
      if (k !== 'data' && k !== 'datasets') walk(v);
    }
  };
  walk(file.spec);
}

/** Ajv reports every branch of Vega-Lite's unions; keep the deepest, most telling problem. */
function summarize(errors: ErrorObject[], spec: unknown): { message: string; needle: string | undefined } {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((e) => depth(e) === deepest);
  const path = here[0]?.instancePath || '/';
  const extra = here.filter((e) => e.keyword === 'additionalProperties').map((e) => String(e.params.additionalProperty));
  if (extra.length) {
    const counts = new Map<string, number>();
    for (const p of extra) counts.set(p, (counts.get(p) ?? 0) + 1);
    const prop = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    return { message: `unknown property "${prop}" at ${path}`, needle: `"${prop}"` };
  }
  const allowed = here.flatMap((e) => (e.keyword === 'const' ? [e.params.allowedValue] : e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : []));
  const key = path.split('/').filter(Boolean).at(-1);
  const needle = key && !/^\d+$/.test(key) ? `"${key}"` : undefined;
  if (allowed.length) {
    const actual = path.split('/').filter(Boolean).reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], spec);
    const options = [...new Set(allowed)].map(String);
    const near = typeof actual === 'string' ? closest(actual, options) : [];
    const mean = near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '';
    return { message: `${path} must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(actual)}${mean}`, needle };
  }
  return { message: `${path} ${here[0]?.message ?? 'is invalid'}`, needle };
}
