/**
 * `node scripts/gallery/make-fixture.ts <out dir> <name,name,…> [--trim file=rows,…]`: copies the
 * named gallery examples, the data files they read and both licences into a folder laid out as
 * the two repositories are (vega-lite/…, vega-datasets/…), which `npm run gallery` and
 * tests/charts/gallery.test.ts read as they read the repositories. `--trim` keeps that many rows
 * of a large CSV, evenly spaced, (both drawings read the same trimmed file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { specDataRefs } from '../../src/charts/read-spec.ts';
import { galleryExamples, sourceTree, specPath } from './sources.ts';

const [out, list, ...rest] = process.argv.slice(2);
if (!out || !list) throw new Error('usage: make-fixture.ts <out dir> <name,name,…> [--trim file=rows,…]');
const trim = new Map((rest[0] === '--trim' ? rest[1]!.split(',') : []).map((t) => t.split('=') as [string, string]).map(([f, n]) => [f, Number(n)]));
const vegaLite = sourceTree('/work/.mirror/vega+vega-lite/repo');
const datasets = sourceTree('/work/.mirror/vega+vega-datasets/repo');
const names = list.split(',');
const copy = (tree: typeof vegaLite, file: string, to: string, text?: string) => {
  const abs = path.join(out, to, file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text ?? tree.read(file));
};
const examples = galleryExamples(vegaLite).filter((e) => names.includes(e.name));
const files = new Set<string>();
for (const e of examples) {
  copy(vegaLite, specPath(e.name), 'vega-lite');
  const spec = JSON.parse(vegaLite.read(specPath(e.name)).toString('utf8')) as unknown;
  for (const ref of specDataRefs(spec)) if (typeof ref.url === 'string' && datasets.exists(ref.url)) files.add(ref.url);
  for (const s of JSON.stringify(spec).match(/"data\/[^"]+\.(?:png|jpe?g|gif|svg)"/g) ?? []) files.add(JSON.parse(s) as string);
}
// The index lists the subset under the same groups, in the same order.
copy(vegaLite, 'site/_data/examples.json', 'vega-lite', `${JSON.stringify({ Gallery: { Subset: examples }, }, null, 2)}\n`);
copy(vegaLite, 'LICENSE', 'vega-lite');
copy(vegaLite, 'package.json', 'vega-lite', `${JSON.stringify({ name: 'vega-lite', version: (JSON.parse(vegaLite.read('package.json').toString('utf8')) as { version: string }).version }, null, 2)}\n`);
for (const f of files) {
  const keep = trim.get(path.basename(f));
  let text: string | undefined;
  if (keep) {
    const [header, ...rows] = datasets.read(f).toString('utf8').split('\n').filter(Boolean);
    const step = Math.max(1, Math.ceil(rows.length / keep));
    text = `${[header, ...rows.filter((_, i) => i % step === 0)].join('\n')}\n`;
  }
  copy(datasets, f, 'vega-datasets', text);
}
const pkg = JSON.parse(datasets.read('datapackage.json').toString('utf8')) as { resources: { path: string }[] } & Record<string, unknown>;
const used = new Set([...files].map((f) => path.basename(f)));
copy(datasets, 'datapackage.json', 'vega-datasets', `${JSON.stringify({ ...pkg, resources: pkg.resources.filter((r) => used.has(r.path)) })}\n`);
// vega-datasets keeps its BSD-3-Clause text in scripts/LICENSE; each dataset's own licence is in datapackage.json.
copy(datasets, 'LICENSE', 'vega-datasets', `${datasets.read('scripts/LICENSE').toString('utf8')}\nEach data file's own licence and source: datapackage.json (its "licenses" and "sources").\n`);
copy(datasets, 'package.json', 'vega-datasets', `${JSON.stringify({ name: 'vega-datasets', version: (JSON.parse(datasets.read('package.json').toString('utf8')) as { version: string }).version }, null, 2)}\n`);
process.stdout.write(`${examples.length} examples, ${files.size} files → ${out}\n`);
