/**
 * Facets, repeats and concatenations fitted to a layout's width. Vega-Lite fits only single and
 * layered views to a width (`autosize: fit`); a composite is as wide as its cells add up to, and a
 * page would shrink it (text and all) into the column. Here its cells are sized from the layout
 * instead: the cells wrap into as many columns as fit at a readable width (a `column` facet or
 * repeat becomes a wrapped one, an `hconcat` a `concat` with `columns`), and the cell width is
 * solved from the drawn width (measured by Vega itself, text widths included), so the chart is
 * drawn no wider than the layout and shown at 1:1.
 */

type Spec = Record<string, unknown>;

/** The drawn width of a spec, in px (padding included), or undefined when it does not compile. */
export type MeasureWidth = (spec: Spec) => number | undefined;

/** A composite's cells: how many, whether they can wrap, and the spec with `columns` cells per row, each `cellWidth` wide. */
interface Grid {
  /** Cells side by side when not wrapped (Infinity when unknown). */
  count: number;
  /** The number of columns when the cells cannot wrap (a row × column grid, a vertical stack; Infinity when unknown). */
  fixed?: number;
  build(columns: number, cellWidth: number): Spec;
}

/** A cell narrower than this wraps to fewer columns; one column narrower than the minimum cannot be drawn legibly. */
const PREFERRED_CELL = 100;
const MIN_CELL = 50;
/** The width a first drawing gives each cell, to measure what the axes, headers and spacing take. */
const PROBE_CELL = 100;

export class CompositeTooWide extends Error {
  readonly columns: number;
  readonly cellWidth: number;
  constructor(columns: number, cellWidth: number) {
    super(`${columns} columns of cells at least ${MIN_CELL} px wide`);
    this.columns = columns;
    this.cellWidth = cellWidth;
  }
}

/** Whether the spec is a composite this fits: a facet (operator or encoding), repeat or concatenation. */
export function isComposite(spec: Spec): boolean {
  return gridOf(spec) !== undefined;
}

/**
 * The composite spec with its cells wrapped and sized to be drawn within `width` px. Throws
 * CompositeTooWide when even the fewest columns it can take leave cells under the minimum.
 * A spec the measure cannot compile, or whose width its cells do not set, is returned as it is.
 */
export function fitComposite(spec: Spec, width: number, measure: MeasureWidth): Spec {
  const grid = gridOf(spec);
  if (!grid) return spec;
  let columns = grid.fixed ?? Math.max(1, Math.min(grid.count, Math.floor((width + 20) / (PREFERRED_CELL + 20))));
  for (;;) {
    // One layout pass at a probe width tells what the axes, headers and spacing take; each px of
    // cell then adds about one per column (fewer when the data has fewer cells: the steps below correct it).
    const probe = measure(grid.build(columns, PROBE_CELL));
    if (probe === undefined) return spec;
    const perPx = Number.isFinite(columns) ? columns : 1;
    let cell = Math.floor(PROBE_CELL + (width - probe) / perPx);
    if (cell < PREFERRED_CELL && columns > 1 && grid.fixed === undefined) {
      columns -= 1;
      continue;
    }
    // The growth is not linear (a header or axis label wider than the cell holds the width until
    // the cell outgrows it): step to the width by secants, keeping the widest cell that fits.
    let best: number | undefined;
    let last = { cell: PROBE_CELL, drawn: probe };
    let slope = perPx;
    for (let tries = 0; tries < 5 && cell >= MIN_CELL && cell <= width; tries++) {
      const drawn = measure(grid.build(columns, cell));
      if (drawn === undefined) return spec;
      if (drawn <= width && (best === undefined || cell > best)) best = cell;
      if (drawn <= width && width - drawn < 2) break;
      slope = cell === last.cell ? perPx : Math.max(0.2, (drawn - last.drawn) / (cell - last.cell));
      const next = Math.min(width, Math.floor(cell + (width - drawn) / slope));
      last = { cell, drawn };
      if (next === cell) break;
      cell = next;
    }
    if (best !== undefined) return grid.build(columns, best);
    return atNarrowest(spec, grid, columns, width, measure);
  }
}

/**
 * The last resort, at the narrowest cells: drawn there if they fit; refused if the cells do set
 * the width (it grows with them) and the narrowest still do not fit, which no wrapping can mend;
 * else (cells whose width the spec fixes otherwise: maps, nested compositions) left at its own size.
 */
function atNarrowest(spec: Spec, grid: Grid, columns: number, width: number, measure: MeasureWidth): Spec {
  const narrowest = measure(grid.build(columns, MIN_CELL));
  if (narrowest === undefined) return spec;
  if (narrowest <= width) return grid.build(columns, MIN_CELL);
  const wider = measure(grid.build(columns, MIN_CELL + PROBE_CELL));
  if (wider === undefined) return spec;
  const perPx = (wider - narrowest) / PROBE_CELL;
  if (perPx < 0.5) return spec;
  // The columns as asked, or as the drawing grows per px of cell when the data decides them.
  throw new CompositeTooWide(Number.isFinite(columns) ? columns : Math.max(1, Math.round(perPx)), Math.floor(MIN_CELL - (narrowest - width) / perPx));
}

function gridOf(spec: Spec): Grid | undefined {
  const values = dataValues(spec);
  if (isObject(spec.encoding) && ['facet', 'row', 'column'].some((c) => c in (spec.encoding as Spec))) return encodingFacet(spec, spec.encoding as Spec, values);
  if (isObject(spec.facet) && isObject(spec.spec)) return operatorFacet(spec, spec.facet, spec.spec, values);
  if ('repeat' in spec && isObject(spec.spec)) return repeatGrid(spec, spec.spec);
  if (Array.isArray(spec.concat)) return concatGrid(spec, 'concat', spec.concat);
  if (Array.isArray(spec.hconcat)) return concatGrid(spec, 'hconcat', spec.hconcat);
  if (Array.isArray(spec.vconcat)) return concatGrid(spec, 'vconcat', spec.vconcat);
  return undefined;
}

/** `encoding.facet`, `encoding.column` (wrapped like a facet) or `encoding.row` on a unit: the cell width is the top-level width. */
function encodingFacet(spec: Spec, encoding: Spec, values: Spec[] | undefined): Grid {
  const { row, column, facet, ...rest } = encoding;
  if (row !== undefined) {
    const fixed = column === undefined ? 1 : distinct(values, column);
    return { count: fixed, fixed, build: (_c, w) => ({ ...spec, width: w }) };
  }
  const def = (facet ?? column) as Spec;
  return { count: distinct(values, def), build: (c, w) => ({ ...spec, width: w, encoding: { ...rest, facet: { ...def, columns: c } } }) };
}

function operatorFacet(spec: Spec, facet: Spec, inner: Spec, values: Spec[] | undefined): Grid {
  const sized = (w: number): Spec => withWidth(inner, w);
  if ('row' in facet || 'column' in facet) {
    if ('row' in facet) {
      const fixed = 'column' in facet ? distinct(values, facet.column) : 1;
      return { count: fixed, fixed, build: (_c, w) => ({ ...spec, spec: sized(w) }) };
    }
    return { count: distinct(values, facet.column), build: (c, w) => ({ ...spec, facet: facet.column, columns: c, spec: sized(w) }) };
  }
  return { count: distinct(values, facet), build: (c, w) => ({ ...spec, columns: c, spec: sized(w) }) };
}

function repeatGrid(spec: Spec, inner: Spec): Grid {
  const repeat = spec.repeat;
  if (Array.isArray(repeat)) return { count: repeat.length, build: (c, w) => ({ ...spec, columns: c, spec: withWidth(inner, w) }) };
  const r = isObject(repeat) ? repeat : {};
  const cols = Array.isArray(r.column) ? r.column.length : 1;
  if (Array.isArray(r.column) && !('row' in r) && !('layer' in r)) {
    // A repeat by column wraps as a plain repeat: its `{"repeat": "column"}` references follow.
    const wrapped = renameRepeat(inner, 'column', 'repeat') as Spec;
    return { count: cols, build: (c, w) => ({ ...spec, repeat: r.column, columns: c, spec: withWidth(wrapped, w) }) };
  }
  return { count: cols, fixed: cols, build: (_c, w) => ({ ...spec, spec: withWidth(inner, w) }) };
}

function concatGrid(spec: Spec, key: 'concat' | 'hconcat' | 'vconcat', parts: unknown[]): Grid {
  const sized = (w: number): unknown[] => parts.map((p) => (isObject(p) && ('mark' in p || 'layer' in p) ? withWidth(p, w) : p));
  if (key === 'vconcat') return { count: 1, fixed: 1, build: (_c, w) => ({ ...spec, vconcat: sized(w) }) };
  const { [key]: _parts, ...rest } = spec;
  return {
    count: parts.length,
    build: (c, w) => (key === 'hconcat' && c >= parts.length ? { ...rest, hconcat: sized(w) } : { ...rest, concat: sized(w), columns: c }),
  };
}

/** A cell spec at a width: a number of px, which also fits a discrete axis's bands into it. */
function withWidth(inner: Spec, w: number): Spec {
  return { ...inner, width: w };
}

function renameRepeat(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((n) => renameRepeat(n, from, to));
  if (!isObject(node)) return node;
  if (Object.keys(node).length === 1 && node.repeat === from) return { repeat: to };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameRepeat(v, from, to)]));
}

/** The rows inlined in the spec (bind-spec-data.ts puts them in `data.values` or a named dataset). */
function dataValues(spec: Spec): Spec[] | undefined {
  const data = isObject(spec.data) ? spec.data : undefined;
  if (Array.isArray(data?.values)) return data.values.filter(isObject);
  if (typeof data?.name === 'string' && isObject(spec.datasets) && Array.isArray(spec.datasets[data.name])) return (spec.datasets[data.name] as unknown[]).filter(isObject);
  return undefined;
}

/** How many distinct values a facet's field takes in the rows (Infinity when it cannot tell: a transform or unknown data). */
function distinct(values: Spec[] | undefined, def: unknown): number {
  if (!values || !isObject(def) || typeof def.field !== 'string') return Infinity;
  const field = def.field;
  return new Set(values.map((v) => String(v[field]))).size || Infinity;
}

function isObject(v: unknown): v is Spec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
