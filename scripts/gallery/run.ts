/**
 * `npm run gallery [-- --vega-lite <git dir or folder>] [--datasets <git dir or folder>] [--only a,b] [--out docs/gallery.md] [--json file]`:
 * the Vega-Lite example gallery built as an author's site and drawn through Tally's chart path,
 * each chart compared with bare vega-lite + vega mark by mark (compare.ts).
 */
import fs from 'node:fs';
import { compareExample, type GalleryResult } from './compare.ts';
import { galleryTable, writeGalleryTable } from './report.ts';
import { GALLERY_AS_OF, makeGallerySite } from './make-site.ts';
import { galleryExamples, sourceTree, versionOf } from './sources.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';

const args = process.argv.slice(2);
const option = (flag: string, fallback?: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const vegaLite = sourceTree(option('--vega-lite', '/work/.mirror/vega+vega-lite/repo')!);
const datasets = sourceTree(option('--datasets', '/work/.mirror/vega+vega-datasets/repo')!);
const only = option('--only')?.split(',');
const out = option('--out');
const json = option('--json');

const examples = galleryExamples(vegaLite).filter((e) => !only || only.includes(e.name));
const started = Date.now();
const site = await makeGallerySite(examples, vegaLite, datasets);
process.env.TALLY_ROOT = site.root;
process.stderr.write(`site: ${site.root} (${examples.length} examples)\n`);
const asOf = GALLERY_AS_OF as CalendarDate;
const results: GalleryResult[] = [];
for (const ex of examples) {
  const r = await compareExample(site, ex.name, asOf);
  results.push(r);
  process.stdout.write(`${r.name}\t${r.class}\t${r.detail}\n`);
}
const counts = new Map<string, number>();
for (const r of results) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
process.stderr.write(`\n${[...counts].map(([c, n]) => `${c} ${n}`).join(', ')} (${examples.length} examples, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
if (json) fs.writeFileSync(json, JSON.stringify({ vegaLite: versionOf(vegaLite), datasets: versionOf(datasets), examples, results }, null, 2));
if (out) {
  const command = `npm run gallery${args.length ? ` -- ${args.join(' ')}` : ''}`;
  writeGalleryTable(out, galleryTable(examples, results, { command, vegaLite: versionOf(vegaLite), datasets: versionOf(datasets), date: new Date().toISOString().slice(0, 10) }));
  process.stderr.write(`${out}: table written\n`);
}
fs.rmSync(site.root, { recursive: true, force: true });
