import fs from 'node:fs';
import type { GalleryClass, GalleryResult } from './compare.ts';
import type { GalleryExample } from './sources.ts';

const START = '<!-- gallery:start -->';
const END = '<!-- gallery:end -->';

export const CLASS_MEANING: Record<GalleryClass, string> = {
  same: 'every data mark has as many items as bare Vega draws, with the same data',
  sampled: 'a long series drawn at its width: fewer items, each one of bare Vega’s',
  refused: 'Tally fails the build with a located message (quoted)',
  differs: 'Tally draws other items or other data than bare Vega',
  fails: 'a failure that is not a refusal of the spec (a bug)',
  network: 'the spec reads data from the network, which the build never does',
  interactive: 'the spec needs a browser for what it does',
};

/** The counts and the table of every example, as Markdown. */
export function galleryTable(examples: readonly GalleryExample[], results: readonly GalleryResult[], header: { command: string; vegaLite: string; datasets: string; date: string }): string {
  const counts = new Map<GalleryClass, number>();
  for (const r of results) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
  const group = new Map(examples.map((e) => [e.name, e.group]));
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  return [
    `\`${header.command}\` on ${header.date}: Vega-Lite ${header.vegaLite}, vega-datasets ${header.datasets}, ${results.length} examples (the gallery index's distinct names).`,
    '',
    '| class | examples | meaning |',
    '| --- | ---: | --- |',
    ...(Object.keys(CLASS_MEANING) as GalleryClass[]).map((c) => `| ${c} | ${counts.get(c) ?? 0} | ${CLASS_MEANING[c]} |`),
    '',
    '| example | group | class | detail |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${cell(group.get(r.name) ?? '')} | ${r.class} | ${cell(r.detail)} |`),
  ].join('\n');
}

/** Writes the table into a Markdown file between its markers, keeping the prose around them. */
export function writeGalleryTable(file: string, table: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# The Vega-Lite gallery through Tally\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} markers`);
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n${table}\n${text.slice(b)}`);
}
