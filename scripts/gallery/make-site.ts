import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sniffedEntry } from '../../src/data/sniff-data-file.ts';
import { specDataRefs } from '../../src/charts/read-spec.ts';
import { specPath, type GalleryExample, type SourceTree } from './sources.ts';

export const GALLERY_AS_OF = '2099-12-31';

/** The gallery as an author's site: specs in one issue's folder, their data in data/ with a manifest, images in public/. */
export interface GallerySite {
  readonly root: string;
  readonly issueDir: string;
  /** Each example's spec as the gallery writes it (before the caption an author adds). */
  readonly specs: ReadonlyMap<string, Record<string, unknown>>;
  /** Examples whose data is on the network, with the URL. */
  readonly network: ReadonlyMap<string, string>;
  /** Each image copied to public/, by the data URI Tally inlines it as, to its path in the spec. */
  readonly images: ReadonlyMap<string, string>;
  /** Data files named by examples that vega-datasets does not hold. */
  readonly missing: ReadonlyMap<string, string>;
}

export const ISSUE = 'gallery';

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml' };

/**
 * Writes the site in a fresh temporary folder: each example's spec into
 * content/issues/gallery/<name>.vl.json with the caption Tally needs (the gallery's title when
 * the spec has none; a description the same way), each data file an example names (its url,
 * "data/cars.json") at the same path inside data/, so the spec reads it unchanged, declared in
 * data/manifest.yaml with the entry `npm run data:add` prints and its provenance from
 * vega-datasets' datapackage.json; each image an example names, under public/.
 */
export async function makeGallerySite(examples: readonly GalleryExample[], vegaLite: SourceTree, datasets: SourceTree, root = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-gallery-'))): Promise<GallerySite> {
  const issueDir = path.join(root, 'content', 'issues', ISSUE);
  fs.mkdirSync(issueDir, { recursive: true });
  fs.mkdirSync(path.join(root, 'data'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{ "private": true }\n');
  const specs = new Map<string, Record<string, unknown>>();
  const network = new Map<string, string>();
  const missing = new Map<string, string>();
  const dataFiles = new Set<string>();
  const images = new Set<string>();
  for (const ex of examples) {
    const text = vegaLite.read(specPath(ex.name)).toString('utf8');
    const spec = JSON.parse(text) as Record<string, unknown>;
    specs.set(ex.name, spec);
    for (const ref of specDataRefs(spec)) {
      if (typeof ref.url !== 'string') continue;
      if (/^[a-z]+:/i.test(ref.url)) network.set(ex.name, ref.url);
      else if (datasets.exists(ref.url)) dataFiles.add(ref.url);
      else missing.set(ex.name, ref.url);
    }
    for (const s of stringsOf(spec)) if (/^data\/[^"]+\.(png|jpe?g|gif|svg)$/i.test(s) && datasets.exists(s)) images.add(s);
    fs.writeFileSync(path.join(issueDir, `${ex.name}.vl.json`), withCaption(text, spec, ex));
  }
  // An asOf after every date in the gallery's data, so the as-of cut drops no row and only the
  // drawing is compared: movies.json has release dates up to 2046 (two-digit years read in the
  // wrong century), which an issue dated today would cut, as Tally does by design.
  fs.writeFileSync(path.join(issueDir, 'index.mdx'), `---\ntitle: The Vega-Lite gallery\nsummary: Every example of the Vega-Lite gallery.\nasOf: ${GALLERY_AS_OF}\n---\n`);
  const imageUris = new Map<string, string>();
  for (const img of images) {
    const abs = path.join(root, 'public', img);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const bytes = datasets.read(img);
    fs.writeFileSync(abs, bytes);
    imageUris.set(`data:${IMAGE_TYPES[path.extname(img).toLowerCase()] ?? 'image/png'};base64,${bytes.toString('base64')}`, img);
  }
  const provenance = datasetProvenance(datasets);
  const entries: string[] = [];
  for (const file of [...dataFiles].sort()) {
    const abs = path.join(root, 'data', file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, datasets.read(file));
    const lines = await sniffedEntry(abs, file);
    entries.push(fillProvenance(lines, provenance.get(path.basename(file)), file).join('\n'));
  }
  fs.writeFileSync(path.join(root, 'data', 'manifest.yaml'), `${entries.join('\n\n')}\n`);
  return { root, issueDir, specs, network, missing, images: imageUris };
}

/** The spec's text with a title and description added when it has none (Tally requires both, as the caption). */
function withCaption(text: string, spec: Record<string, unknown>, ex: GalleryExample): string {
  const add: Record<string, unknown> = {};
  if (spec.title === undefined) add.title = ex.title;
  if (typeof spec.description !== 'string' || !spec.description.trim()) add.description = ex.description ?? ex.title;
  if (!Object.keys(add).length) return text;
  // The caption goes first, so every line of the gallery's text keeps its place below it.
  const open = text.indexOf('{');
  return `${text.slice(0, open + 1)}\n  ${Object.entries(add).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)},`).join(' ')}${text.slice(open + 1)}`;
}

function stringsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => stringsOf(n, out));
  else if (typeof node === 'object' && node !== null) Object.values(node).forEach((n) => stringsOf(n, out));
  return out;
}

interface Provenance {
  title: string;
  source: string;
  url: string;
  licence: string;
}

/** Each file's title, source and licence as vega-datasets' datapackage.json states them. */
function datasetProvenance(datasets: SourceTree): Map<string, Provenance> {
  const out = new Map<string, Provenance>();
  if (!datasets.exists('datapackage.json')) return out;
  const pkg = JSON.parse(datasets.read('datapackage.json').toString('utf8')) as { version?: string; resources?: { path: string; title?: string; name?: string; licenses?: { name?: string }[]; sources?: { title?: string; path?: string }[] }[] };
  for (const r of pkg.resources ?? []) {
    const src = (r.sources ?? []).find((s) => s.path?.startsWith('https://')) ?? r.sources?.[0];
    const licences = (r.licenses ?? []).map((l) => l.name).filter(Boolean);
    out.set(r.path, {
      title: r.title ?? r.name ?? r.path,
      source: `${src?.title ?? 'vega-datasets'} (via vega-datasets ${pkg.version ?? ''})`.replace(' )', ')'),
      url: src?.path?.startsWith('https://') ? src.path : `https://github.com/vega/vega-datasets/blob/main/data/${r.path}`,
      licence: licences.length ? licences.join(', ') : 'not stated (see vega-datasets datapackage.json)',
    });
  }
  return out;
}

/** The blanks `npm run data:add` leaves, filled as an author would. */
function fillProvenance(lines: string[], p: Provenance | undefined, file: string): string[] {
  const v: Provenance = p ?? { title: file, source: 'vega-datasets', url: `https://github.com/vega/vega-datasets/blob/main/${file}`, licence: 'not stated' };
  const fill: Record<string, string> = { title: JSON.stringify(v.title), source: JSON.stringify(v.source), url: JSON.stringify(v.url), licence: JSON.stringify(v.licence), illustrative: 'false' };
  return lines.map((line) => {
    const m = /^(\s+)(title|source|url|licence|illustrative):.*#\s*fill in.*$/.exec(line);
    return m ? `${m[1]}${m[2]}: ${fill[m[2]!]}` : line;
  });
}
