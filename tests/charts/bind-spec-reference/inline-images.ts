import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../../../src/core/errors.ts';
import { projectRoot } from '../../../src/core/paths.ts';
import { mapInlineData } from './inline-data.ts';
import { lineOf, type SpecFile } from '../../../src/charts/read-spec.ts';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif', '.svg': 'image/svg+xml' };

/**
 * `image` marks draw pictures named by URL, which Vega would fetch while drawing; the build
 * reaches no network and the SVG is inlined in the page and the email. A local image, a path
 * under public/ ("/logos/a.png" or "logos/a.png"), is read and written into the spec as a data
 * URI; anything else fails at the spec's line with what to do.
 */
export function inlineImages(spec: Record<string, unknown>, file: SpecFile): Record<string, unknown> {
  const { fields, constants } = imageSources(spec);
  if (!fields.size && !constants.length) return spec;
  const seen = new Map<string, string>();
  const resolve = (url: unknown, needle: string): unknown => {
    if (typeof url !== 'string' || url === '' || url.startsWith('data:')) return url;
    let uri = seen.get(url);
    if (uri === undefined) seen.set(url, (uri = dataUri(url, file, needle)));
    return uri;
  };
  let out = spec;
  if (constants.length) {
    const walk = (node: unknown, key: string | undefined): unknown => {
      if (Array.isArray(node)) return node.map((n) => walk(n, key));
      if (typeof node !== 'object' || node === null) return node;
      const o = node as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o)) {
        if (k === 'data' || k === 'datasets') copy[k] = v;
        else if (k === 'url' && typeof v === 'string' && (key === 'mark' || o.type === 'image')) copy[k] = resolve(v, `"${v}"`);
        else if (k === 'value' && key === 'url') copy[k] = resolve(v, `"${String(v)}"`);
        else copy[k] = walk(v, k);
      }
      return copy;
    };
    out = walk(out, undefined) as Record<string, unknown>;
  }
  if (fields.size) {
    out = mapInlineData(out, (rows) => {
      const hits = [...fields].filter((f) => rows.some((r) => typeof r[f] === 'string' && !(r[f] as string).startsWith('data:')));
      if (!hits.length) return rows;
      return rows.map((r) => {
        const copy = { ...r };
        for (const f of hits) copy[f] = resolve(r[f], `"${f}"`);
        return copy;
      });
    });
  }
  return out;
}

/** Fields the `url` channel of image marks reads, and URLs written in the spec itself. */
function imageSources(spec: unknown): { fields: Set<string>; constants: string[] } {
  const fields = new Set<string>();
  const constants: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    const mark = typeof o.mark === 'object' && o.mark !== null ? (o.mark as Record<string, unknown>) : { type: o.mark };
    if (mark.type === 'image') {
      if (typeof mark.url === 'string') constants.push(mark.url);
      const url = (o.encoding as Record<string, unknown> | undefined)?.url as Record<string, unknown> | undefined;
      if (typeof url?.field === 'string') fields.add(url.field);
      if (typeof url?.value === 'string') constants.push(url.value);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'datasets') visit(v);
  };
  visit(spec);
  return { fields, constants };
}

function dataUri(url: string, file: SpecFile, needle: string): string {
  const loc = { file: file.file, line: lineOf(file.text, needle) };
  const outside = (why: string) => fail('InvalidSpec', loc, `The image "${url}" ${why}. Tally draws charts at build time without the network: save the image under public/ and name it by its path there (e.g. "/images/logo.png").`);
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) outside('is not a local file');
  const publicDir = path.join(projectRoot(), 'public');
  const bare = url.replace(/[?#].*$/, '');
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // A stray "%" is part of the file's name.
  }
  const abs = path.resolve(publicDir, decoded.replace(/^\/+/, ''));
  if (!abs.startsWith(publicDir + path.sep)) outside('is outside public/');
  const type = TYPES[path.extname(abs).toLowerCase()];
  if (!type) outside(`is not an image Tally can inline (${Object.keys(TYPES).join(', ')})`);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) outside(`is not in public/ (looked for public/${path.relative(publicDir, abs).split(path.sep).join('/')})`);
  return `data:${type};base64,${fs.readFileSync(abs).toString('base64')}`;
}
