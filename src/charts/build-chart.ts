import type { CalendarDate } from '../data/calendar-date.ts';
import { fail, type Loc } from '../core/errors.ts';
import { escapeHtml } from '../core/escape.ts';
import { chartSvgClass } from '../core/page-markup.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import type { FigureText } from '../figures/placeholders.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import { bindSpecData, type BoundSpec } from './bind-spec-data.ts';
import { buildDataTable, encodedFields, type DataTable } from './data-table.ts';
import { fillSpecText } from './fill-spec-text.ts';
import { readSpec } from './read-spec.ts';
import type { RenderCache } from './render-cache.ts';
import { fitsWidth, type LayoutName } from './chart-layout.ts';
import { validateSpec } from './validate-spec.ts';

/** Everything a page needs to show a chart without JavaScript. */
export interface ChartModel {
  id: string;
  specFile: string;
  title: string;
  /** The title's `subtitle`, shown under it in the caption ('' when none). */
  subtitle: string;
  description: string;
  /** The Vega-Lite spec with its data inlined (and without its title, which the caption shows). */
  spec: Record<string, unknown>;
  /**
   * The accessible SVG in the wide layout, safe to inline: Vega escapes text, ids are unique to
   * the chart and layout. Its colours are CSS custom properties, so it serves both schemes.
   */
  svg: string;
  width: number;
  height: number;
  /** The same chart drawn for a phone's width; empty when the spec cannot be fitted (facets, concatenations). */
  narrowSvg: string;
  narrowWidth: number;
  narrowHeight: number;
  table: DataTable;
  /** Every row of the chart's primary data, cut at asOf: what its CSV download holds (the chart cache writes it beside the spec). */
  rows: readonly Record<string, unknown>[];
  sources: SourceRef[];
  warnings: string[];
}

export interface ChartInput {
  ref: string;
  issueDir: string;
  usage: Loc;
  asOf: CalendarDate;
  datasets: ReadonlyMap<string, ComputedDataset>;
  /** The issue's figures, for the `{{figure}}` placeholders of the spec's texts (none given: a placeholder fails as unknown). */
  figures?: ReadonlyMap<string, FigureText> | undefined;
}

/** A chart ready to render: its spec validated, its data bound and its caption taken out. */
export interface PreparedChart {
  file: string;
  title: string;
  subtitle: string;
  description: string;
  /** What is rendered: the bound spec without its title. The render cache is keyed by it. */
  spec: Record<string, unknown>;
  bound: BoundSpec;
}

/** Spec file → validated spec → figures written into its texts → data bound and cut at asOf → caption taken out. */
export function prepareChart(input: ChartInput): PreparedChart {
  const read = readSpec(input.ref, input.issueDir, input.usage);
  validateSpec(read);
  const file = { ...read, spec: fillSpecText(read, input.figures ?? new Map(), input.issueDir) };
  const { title, subtitle, description } = captionOf(file.spec, file.file);
  const bound = bindSpecData(file, input.asOf, input.datasets);
  // The caption carries the title as HTML text, so the SVG does not repeat it.
  const { title: _t, ...spec } = bound.spec;
  return { file: file.file, title, subtitle, description, spec, bound };
}

/** Spec file → bound spec → SVG in each layout (through the renderer given: the build's cache and workers), caption and data table. */
export async function buildChart(input: ChartInput, renderer: RenderCache): Promise<ChartModel> {
  const { file, title, subtitle, description, spec, bound } = prepareChart(input);
  // Read aloud as one: the subtitle, then the description.
  const spoken = subtitle ? `${subtitle}. ${description}` : description;
  const layouts: LayoutName[] = fitsWidth(spec) ? ['wide', 'narrow'] : ['wide'];
  const [rendered, narrow] = await Promise.all(layouts.map((layout) => renderer.render(spec, file, layout)));
  const fields = encodedFields(spec);
  const sources = bound.sources.map((s) => ({ ...s, columns: s.columns.length ? s.columns : fields.filter((f) => bound.primary?.rows[0] && f in bound.primary.rows[0]) }));
  const id = `chart-${rendered!.digest}`;
  // The SVGs drew long series sampled to their width; the interactive layer gets every row.
  const { title: _t, ...full } = bound.full;
  return {
    id,
    specFile: file,
    spec: bound.full === bound.spec ? spec : full,
    title,
    subtitle,
    description,
    svg: accessibleSvg(rendered!.svg, id, 'wide', title, spoken),
    width: rendered!.width,
    height: rendered!.height,
    narrowSvg: narrow ? accessibleSvg(narrow.svg, `${id}-narrow`, 'narrow', title, spoken) : '',
    narrowWidth: narrow?.width ?? 0,
    narrowHeight: narrow?.height ?? 0,
    table: buildDataTable(bound.primary?.rows ?? [], fields),
    rows: bound.primary?.rows ?? [],
    sources,
    warnings: [...new Set([...rendered!.warnings, ...(narrow?.warnings ?? [])])],
  };
}

function captionOf(spec: Record<string, unknown>, file: string): { title: string; subtitle: string; description: string } {
  // A title is a string, an array of lines, or an object whose `text` and `subtitle` are either.
  const t = spec.title;
  const object = typeof t === 'object' && t !== null && !Array.isArray(t) ? (t as { text?: unknown; subtitle?: unknown }) : undefined;
  const title = textOf(object ? object.text : t);
  const subtitle = textOf(object?.subtitle).trim();
  const description = typeof spec.description === 'string' ? spec.description : '';
  if (!title.trim()) fail('InvalidSpec', { file }, `The spec has no "title": every chart needs one, as its caption and accessible name.`);
  if (!description.trim()) fail('InvalidSpec', { file }, `The spec has no "description": every chart needs one sentence saying what it shows, for screen readers.`);
  return { title: title.trim(), subtitle, description: description.trim() };
}

/** A Vega-Lite text as one line: a string, or an array of lines joined by spaces. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((l): l is string => typeof l === 'string').map((l) => l.trim()).filter(Boolean).join(' ');
  return '';
}

/** Names the SVG as one image with a title and a description, the parts marked hidden to assistive tech. */
function accessibleSvg(svg: string, id: string, layout: LayoutName, title: string, description: string): string {
  const open = /^<svg([^>]*)>/.exec(svg);
  if (!open) return svg;
  const cleaned = open[1]!.replace(/\s(class|aria-[a-z]+|role)="[^"]*"/g, '');
  // The chart is one image named by its title and description; Vega's per-mark roles and labels
  // inside it would be unnamed graphics to a screen reader (the data table says it all in text).
  const body = svg.slice(open[0].length).replace(/\s(role|aria-roledescription|aria-label)="[^"]*"/g, '');
  return `<svg${cleaned} class="${chartSvgClass(layout)}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${body}`;
}
