import path from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildChart } from '../../src/charts/build-chart.ts';
import { layoutSpec, withLayout } from '../../src/charts/chart-layout.ts';
import type { RenderCache } from '../../src/charts/render-cache.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { drawingTheme } from '../../src/charts/theme.ts';
import { TallyError } from '../../src/core/errors.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { dataMarks, datumKey, type Normalize } from './scenegraph.ts';
import type { GallerySite } from './make-site.ts';

export type GalleryClass = 'same' | 'sampled' | 'refused' | 'differs' | 'fails' | 'network' | 'interactive';

export interface GalleryResult {
  name: string;
  class: GalleryClass;
  detail: string;
}

const SEED = 0x7a11;
const noLoad = { ...vega.loader(), sanitize: (uri: string) => (uri.startsWith('data:') ? Promise.resolve({ href: uri }) : Promise.reject(new Error(`no load: ${uri}`))), load: (uri: string) => Promise.reject(new Error(`no load: ${uri}`)) };

/**
 * One example drawn two ways and compared mark by mark: through Tally's chart path (the
 * `buildChart` a page's <Chart> runs, its drawn spec then laid out in a view with Tally's
 * theme), and by bare vega-lite + vega (default config, data read from the site's data/).
 */
export async function compareExample(site: GallerySite, name: string, asOf: CalendarDate): Promise<GalleryResult> {
  const network = site.network.get(name);
  if (network) return { name, class: 'network', detail: `reads ${network}` };
  const missing = site.missing.get(name);
  if (missing) return { name, class: 'fails', detail: `vega-datasets has no ${missing}` };

  let drawn: Record<string, unknown> | undefined;
  const renderer: RenderCache = {
    render: (spec, file, layout) => {
      if (layout === 'wide') drawn = spec;
      return renderSvg(spec, file, layout);
    },
    warm: async () => undefined,
    key: () => '',
    stats: { hits: 0, renders: 0 },
  };
  try {
    await buildChart({ ref: `./${name}.vl.json`, issueDir: site.issueDir, usage: { file: `content/issues/gallery/index.mdx`, line: 1, column: 1 }, asOf, datasets: new Map() }, renderer);
  } catch (e) {
    // A render that Vega or Tally's own post-processing could not finish is a failure, not a refusal of the spec.
    if (e instanceof TallyError && e.message.includes('The spec uses "href"')) return { name, class: 'interactive', detail: `links (href) need a browser; Tally refuses them: ${oneLine(e.message)}` };
    if (e instanceof TallyError && !/could not be rendered/.test(e.message)) return { name, class: 'refused', detail: oneLine(e.message) };
    return { name, class: 'fails', detail: `Tally: ${oneLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e))}` };
  }

  let bare: Drawn;
  try {
    bare = await drawBare(site.specs.get(name)!, site.root);
  } catch (e) {
    return { name, class: 'fails', detail: `bare Vega fails: ${oneLine((e as Error).message)}` };
  }
  let tally: Drawn;
  try {
    tally = await drawTally(drawn!);
  } catch (e) {
    return { name, class: 'fails', detail: `Tally's drawn spec fails in a view: ${oneLine((e as Error).message)}` };
  }
  // Positions a projection computes from longitude and latitude depend on the chart's size, which Tally's layout sets.
  // Selection ids (_vgsid_) number rows in the order they came, which Tally's date-sorted tables change.
  const ignore = new Set([...bare.projected, ...tally.projected, '_vgsid_']);
  return { name, ...compareMarks(tally.marks, bare.marks, { aliases: site.images, ignore }) };
}

/** Bare Vega: the gallery's spec compiled with Vega-Lite's defaults, data loaded from files as the Vega Editor would. */
async function drawBare(spec: Record<string, unknown>, root: string): Promise<Drawn> {
  const vg = compile(spec as unknown as TopLevelSpec).spec;
  const loader = vega.loader({ baseURL: `${path.join(root, 'data')}${path.sep}`, mode: 'file' });
  return { marks: await run(new vega.View(vega.parse(vg), { renderer: 'none', loader, logLevel: vega.None })), projected: projectedFields(vg) };
}

/** The spec Tally draws (data bound and sampled), compiled as render-svg.ts compiles it: the wide layout and the theme. */
async function drawTally(spec: Record<string, unknown>): Promise<Drawn> {
  const vg = compile(layoutSpec(spec, 'wide') as unknown as TopLevelSpec, { config: withLayout(drawingTheme, 'wide') }).spec;
  return { marks: await run(new vega.View(vega.parse(vg), { renderer: 'none', loader: noLoad as never, logLevel: vega.None })), projected: projectedFields(vg) };
}

interface Drawn {
  marks: Map<string, unknown[]>;
  /** The fields a `geopoint` transform writes (screen positions). */
  projected: string[];
}

function projectedFields(vg: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    if (o.type === 'geopoint') out.push(...(Array.isArray(o.as) ? (o.as as string[]) : ['x', 'y']));
    Object.values(o).forEach(walk);
  };
  walk(vg);
  return out;
}

async function run(view: vega.View): Promise<Map<string, unknown[]>> {
  const stats = vega as unknown as { setRandom: (r: () => number) => void; randomLCG: (seed: number) => () => number };
  stats.setRandom(stats.randomLCG(SEED));
  try {
    await view.runAsync();
    return dataMarks(view);
  } finally {
    view.finalize();
  }
}

/**
 * Same: every data mark has as many items as bare Vega's, with the same datums. Sampled: fewer
 * items, each one of bare Vega's (Tally drew a long series at its width). A difference names
 * the mark, both counts and the first datum that only one of them has.
 */
export function compareMarks(tallyMarks: Map<string, unknown[]>, bareMarks: Map<string, unknown[]>, base: Normalize = {}): Omit<GalleryResult, 'name'> {
  const tally = byView(tallyMarks);
  const bare = byView(bareMarks);
  const names = [...new Set([...bare.keys(), ...tally.keys()])];
  const missing = names.filter((n) => !tally.has(n));
  const extra = names.filter((n) => !bare.has(n));
  if (missing.length || extra.length) return { class: 'differs', detail: `marks ${missing.length ? `only bare Vega draws: ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `only Tally draws: ${extra.join(', ')}` : ''}` };
  const sampled: string[] = [];
  const notes: string[] = [];
  for (const n of names) {
    const t = tally.get(n)!;
    const b = bare.get(n)!;
    let r = compareItems(t, b, base);
    if (r.kind === 'differs') {
      const years = compareItems(t, b, { ...base, yearsAsDates: true });
      if (years.kind !== 'differs') {
        r = years;
        notes.push(`${n}: years drawn as dates (bare Vega reads them as milliseconds)`);
      }
    }
    if (r.kind === 'differs') return { class: 'differs', detail: `${n}: ${r.detail}` };
    if (r.kind === 'sampled') sampled.push(`${n}: ${t.length} of ${b.length} items`);
  }
  const count = names.reduce((s, n) => s + bare.get(n)!.length, 0);
  if (sampled.length) return { class: 'sampled', detail: [...sampled, ...notes].join('; ') };
  return { class: 'same', detail: [`${names.length} data mark${names.length === 1 ? '' : 's'}, ${count} items`, ...notes].join('; ') };
}

/**
 * Marks keyed by name with the repeat's direction left out: Tally's layout may lay a
 * `repeat: {column: […]}` out as a wrapped repeat, which names its views child__<field>_…
 * where bare Vega's are child__column_<field>_….
 */
function byView(marks: Map<string, unknown[]>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [name, items] of marks) {
    const key = name.replace(/__(?:column|row|repeat)_/g, '__');
    out.set(key, [...(out.get(key) ?? []), ...items]);
  }
  return out;
}

function compareItems(tally: unknown[], bare: unknown[], base: Normalize): { kind: 'same' | 'sampled' | 'differs'; detail: string } {
  // Tally's rows may carry columns bare Vega's lack (a nested value's flat column, a key filled
  // in as null): what Vega reads is the keys bare Vega's datums have.
  const keep = new Set<string>();
  for (const d of bare) if (typeof d === 'object' && d !== null) for (const k of Object.keys(d)) keep.add(k);
  const o = { ...base, keep };
  const counts = new Map<string, number>();
  for (const d of bare) {
    const k = datumKey(d, o);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let onlyTally: string | undefined;
  for (const d of tally) {
    const k = datumKey(d, o);
    const c = counts.get(k) ?? 0;
    if (c === 0) onlyTally ??= k;
    else counts.set(k, c - 1);
  }
  if (!onlyTally && tally.length === bare.length) return { kind: 'same', detail: '' };
  if (!onlyTally && tally.length < bare.length) return { kind: 'sampled', detail: '' };
  const onlyBare = [...counts].find(([, c]) => c > 0)?.[0];
  return { kind: 'differs', detail: `${tally.length} items in Tally, ${bare.length} in bare Vega${onlyTally ? `; only Tally has ${clip(onlyTally)}` : ''}${onlyBare ? `; only bare Vega has ${clip(onlyBare)}` : ''}` };
}

const clip = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
