import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { fail, TallyError, type Loc } from '../core/errors.ts';
import { layoutSpec, withLayout, type LayoutName } from './chart-layout.ts';
import { compileMemo, compileMemoOn, dataflowTemplate, setRowsAside, withTables, type RowsAside } from './compile-memo.ts';
import { compactSvg } from './compact-svg.ts';
import { colourVars } from './css-colours.ts';
import { installTextWidths, type TextMetrics } from './text-widths.ts';
import { drawingTheme } from './theme.ts';

// Charts plot calendar dates. Vega parses "2026-01-02" as midnight UTC but formats axes in
// local time, which would print Jan 1 west of Greenwich: pin the process to UTC.
process.env.TZ = 'UTC';
installTextWidths((vega as unknown as { textMetrics: TextMetrics }).textMetrics);

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
  warnings: string[];
  digest: string;
}

/** A Vega loader that refuses everything: data is inlined before rendering, and the build never reaches the network. */
const noLoader = {
  ...vega.loader(),
  // Images of image marks are inlined as data URIs (inline-images.ts): those, and only those, pass.
  sanitize: (uri: string) => (uri.startsWith('data:') ? Promise.resolve({ href: uri }) : Promise.reject(new Error(`Tally inlines chart data; Vega may not load "${uri}".`))),
  load: (uri: string) => Promise.reject(new Error(`Tally inlines chart data; Vega may not load "${uri}".`)),
};

/**
 * Compiles a Vega-Lite spec (with its data inlined) in one layout (chart-layout.ts) and renders
 * it to SVG in Node, its theme colours as CSS custom properties (css-colours.ts). The output
 * is deterministic: randomness is seeded, and every id is prefixed with a digest of the inputs
 * (Vega's own ids come from process-wide counters and depend on render order).
 */
export function renderSvg(spec: Record<string, unknown>, file: string, layout: LayoutName = 'wide', specJson = JSON.stringify(spec)): Promise<RenderedSvg> {
  // Vega's random source is process-wide: one render at a time per thread keeps the seed ours.
  const run = queue.then(() => renderNow(spec, file, layout, renderDigest(specJson, layout)));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

/** The chart's id prefix and random seed: a digest of its bound spec (as JSON) and layout. */
export function renderDigest(specJson: string, layout: LayoutName): string {
  return createHash('sha256').update(specJson).update('\0').update(layout).digest('hex').slice(0, 12);
}

/** A drawing's compile as remembered: the dataflow with a slot for each table, and Vega-Lite's warnings. */
interface DrawingCompile {
  template: object;
  warnings: readonly string[];
}

const compiles = compileMemo<DrawingCompile>();

async function renderNow(spec: Record<string, unknown>, file: string, layout: LayoutName, digest: string): Promise<RenderedSvg> {
  const loc: Loc = { file };
  const warnings: string[] = [];
  const logger = {
    level: (_?: number) => logger as never,
    error: (...a: unknown[]) => fail('InvalidSpec', loc, `Vega-Lite says: ${a.map(String).join(' ')}`),
    warn: (...a: unknown[]) => (ownWarning(a) || warnings.push(a.map(String).join(' ')), logger as never),
    info: () => logger as never,
    debug: () => logger as never,
  };
  const config = withLayout(drawingTheme, layout);
  const compileSpec = (s: Record<string, unknown>): vega.Spec => compile(s as unknown as TopLevelSpec, { config, logger: logger as never }).spec;
  // Rows set aside (compile-memo.ts): a spec drawn before with other rows is not compiled again.
  let aside: RowsAside | undefined;
  let laid: Record<string, unknown>;
  let key = '';
  let remembered: DrawingCompile | undefined;
  let vgSpec: vega.Spec | undefined;
  let learnt: DrawingCompile | undefined;
  try {
    laid = layoutSpec(spec, layout, file);
    if (compileMemoOn()) {
      aside = setRowsAside(laid);
      key = `${layout}\0${aside.json}`;
      remembered = compiles.get(key);
    }
    if (remembered) warnings.push(...remembered.warnings);
    else vgSpec = compileSpec(aside ? aside.rowless : laid);
  } catch (e) {
    // A located problem of Tally's own (a grid too wide) keeps its message.
    if (e instanceof TallyError) throw e;
    fail('InvalidSpec', loc, `The file is not a valid Vega-Lite spec. Vega-Lite says: ${(e as Error).message}`);
  }
  seedRandom(parseInt(digest.slice(0, 8), 16));
  let view: vega.View | undefined;
  try {
    let dataflow: object;
    if (remembered) dataflow = withTables(remembered.template, aside!.tables, aside!.tableJson);
    else if (!aside) dataflow = vega.parse(vgSpec!);
    else {
      const template = dataflowTemplate(vega.parse(vgSpec!));
      if (template) {
        learnt = { template, warnings: [...warnings] };
        dataflow = withTables(template, aside.tables, aside.tableJson);
      } else {
        // A stand-in where Vega would not ingest it (not expected): compiled again with the rows.
        warnings.length = 0;
        dataflow = vega.parse(compileSpec(laid!));
      }
    }
    view = new vega.View(dataflow as vega.Runtime, { renderer: 'none', loader: noLoader as never, logLevel: vega.Warn });
    view.logger({ ...logger, level: () => logger, error: (...a: unknown[]) => warnings.push(`error: ${a.map(String).join(' ')}`) } as never);
    const raw = await view.toSVG();
    if (warnings.some((w) => w.startsWith('error: '))) throw new Error(warnings.find((w) => w.startsWith('error: '))!.slice(7));
    // Kept only once the chart was drawn: a failure is made again each time, never remembered.
    if (learnt) compiles.set(key, learnt);
    const svg = compactSvg(colourVars(prefixIds(raw, `c${digest}-${layout}`)));
    const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    return { svg, width, height, warnings, digest };
  } catch (e) {
    if (e instanceof TallyError) throw e;
    return fail('InvalidSpec', loc, `The chart could not be rendered. Vega says: ${(e as Error).message}`);
  } finally {
    view?.finalize();
  }
}

/**
 * Vega-Lite's note on the autosize the layout asks for (fit the width; a spec whose height is a
 * step per category keeps it): about Tally's setting, not the author's spec.
 */
function ownWarning(args: unknown[]): boolean {
  return args.length === 1 && args[0] === 'Dropping "fit-y" because spec has discrete height.';
}

/** Vega re-exports vega-statistics' random source without typing it. */
function seedRandom(seed: number): void {
  const stats = vega as unknown as { setRandom: (r: () => number) => void; randomLCG: (seed: number) => () => number };
  stats.setRandom(stats.randomLCG(seed));
}

/**
 * Renames every id in the SVG, and each reference to it, to the per-chart-and-layout prefix and
 * its rank of first appearance with the counter stripped (`clip7` → `<prefix>-clip-1`): Vega
 * numbers clips and gradients from process-wide counters, so the bytes would otherwise depend
 * on how many charts the same thread rendered before.
 */
export function prefixIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!names.has(id)) names.set(id, `${prefix}-${id.replace(/[\d_]+$/, '') || 'id'}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (m, a: string, id: string, b: string) => `${a}${names.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (names.has(id) ? `url(#${names.get(id)})` : m))
    .replace(/(href=")#([^"]+)(")/g, (m, a: string, id: string, b: string) => (names.has(id) ? `${a}#${names.get(id)}${b}` : m));
}
