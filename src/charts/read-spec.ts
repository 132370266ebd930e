import fs from 'node:fs';
import path from 'node:path';
import { fail, type Loc } from '../core/errors.ts';
import { locateJsonError } from '../data/json-syntax-error.ts';
import { projectRoot, rel } from '../core/paths.ts';

export interface SpecFile {
  abs: string;
  /** Relative to the project root, for messages. */
  file: string;
  text: string;
  spec: Record<string, unknown>;
}

/** Finds a spec named in `<Chart spec="…">` (relative to the issue's folder) and parses it. */
export function readSpec(ref: string, issueDir: string, usage: Loc): SpecFile {
  const abs = path.resolve(issueDir, ref);
  const inside = !path.relative(projectRoot(), abs).startsWith('..');
  if (!ref.endsWith('.vl.json') || !inside || !fs.existsSync(abs)) {
    const known = fs.existsSync(issueDir) ? fs.readdirSync(issueDir).filter((f) => f.endsWith('.vl.json')).map((f) => `./${f}`) : [];
    fail('UnknownSpec', usage, ref, known);
  }
  const text = fs.readFileSync(abs, 'utf8');
  const file = rel(abs);
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    const { line, column, reason } = locateJsonError(text, e);
    fail('InvalidSpec', { file, line, column }, `The spec is not valid JSON: ${reason}.`);
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail('InvalidSpec', { file }, 'The file must hold one Vega-Lite spec, a JSON object.');
  return { abs, file, text, spec: spec as Record<string, unknown> };
}

/** The line of the first occurrence of `needle` in a spec's text, for locating a problem. */
export function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split('\n').length;
}

/** Every `data` object of a spec (top level, layers, concats, lookups), in document order. */
export function specDataRefs(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => specDataRefs(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(v as Record<string, unknown>);
      specDataRefs(v, out);
    }
  }
  return out;
}
