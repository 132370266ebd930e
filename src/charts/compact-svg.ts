import { compactPath, parsePath } from './path-data.ts';
import { isElement, parseSvg, serializeSvg, type SvgElement, type SvgNode } from './svg-tree.ts';
import { FONT } from './theme.ts';

const THEME_FONT = ` font-family="${FONT.replace(/"/g, '&quot;')}"`;

/**
 * Takes out of Vega's SVG what draws nothing and writes the rest in fewer bytes, so a page
 * carries far less for the same picture:
 * - the theme's font named once on the root instead of on every label (inherited);
 * - coordinates to a tenth of a pixel (`compactCoordinates`), path data in its shortest form
 *   (path-data.ts), a path's or a line's translation folded into its coordinates;
 * - shapes nothing paints (Vega's background paths under `fill="none"`), hidden labels
 *   (`opacity="0"`), defaults (`opacity="1"`, `stroke-miterlimit="4"`, a zero translation), the
 *   pointer-events and aria-hidden attributes and the roles of groups, in a static image that
 *   is named as a whole (build-chart.ts accessibleSvg), whose data the page's table carries,
 *   and Vega's class names (only the axis labels keep theirs);
 * - groups that set nothing unwrapped, a group of one child merged into it, an attribute every
 *   child of a group repeats set once on the group (`hoistShared`), an axis's grid lines or
 *   ticks drawn as one path.
 * Deterministic: the same input gives the same bytes. Markup it cannot read is left as it is.
 */
export function compactSvg(svg: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  const close = svg.lastIndexOf('</svg>');
  if (!open || close < open[0].length) return svg;
  const nodes = parseSvg(svg.slice(open[0].length, close).replaceAll(THEME_FONT, ''));
  if (!nodes) return svg;
  const compacted: SvgNode[] = [];
  const top: Context = { fill: undefined, stroke: undefined, drawn: true, values: new Map(INITIAL) };
  for (const n of nodes) compactNode(n, top, compacted);
  const body = serializeSvg(compacted);
  let root = open[0].slice(0, -1).replace(/\sversion="1\.1"/, '');
  if (!body.includes('xlink:')) root = root.replace(/\sxmlns:xlink="[^"]*"/, '');
  if (!root.includes(THEME_FONT)) root += THEME_FONT;
  return `${root}>${body}</svg>`;
}

/** The paint a shape inherits (undefined: SVG's initial value, black fill, no stroke), and whether it is drawn in place (not a clip path's geometry). */
interface Context {
  fill: string | undefined;
  stroke: string | undefined;
  drawn: boolean;
  /** The inherited attributes' values here (SVG's initial values at the root). */
  values: ReadonlyMap<string, string>;
}

/** Initial values of inherited attributes: one that repeats what it would inherit anyway is left out. */
const INITIAL: [string, string][] = [['stroke-width', '1'], ['fill-opacity', '1'], ['stroke-opacity', '1'], ['text-anchor', 'start'], ['font-style', 'normal'], ['font-weight', 'normal'], ['stroke-linecap', 'butt'], ['stroke-linejoin', 'miter']];

const SHAPES = new Set(['path', 'line', 'rect', 'circle', 'ellipse', 'polygon', 'polyline']);
const NOT_DRAWN = new Set(['defs', 'clipPath', 'mask', 'pattern', 'marker', 'symbol', 'linearGradient', 'radialGradient']);
/** Inherited presentation attributes: set on a group, they apply to each child that has none. */
const INHERITED = ['style', 'stroke-width', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'fill', 'stroke', 'fill-opacity', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin'];
const INHERITED_SET = new Set(INHERITED);
const DEFAULTS = new Map([['opacity', '1'], ['stroke-miterlimit', '4'], ['pointer-events', 'none'], ['aria-hidden', 'true'], ['transform', 'translate(0,0)']]);
const GEOMETRY = new Set(['transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'dx', 'dy', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'points']);
const SETTLED = new Set(['path', 'line', 'text']);
const FRACTIONS = new Set(['opacity', 'fill-opacity', 'stroke-opacity', 'stroke-width']);
/**
 * The roles and labels of Vega's groups (mark containers, axes, legends): the chart is one image,
 * named as a whole (build-chart.ts accessibleSvg, which also drops those of each mark), its data
 * in the page's table.
 */
const ARIA = new Set(['role', 'aria-roledescription', 'aria-label']);
/** The class a test or a reader's stylesheet may select static charts by: the axis labels. */
const KEPT_CLASS = 'mark-text role-axis-label';

/** Appends to `out` what the node becomes: nothing, itself, its children, or its one child merged into it. */
function compactNode(node: SvgNode, inherited: Context, out: SvgNode[]): void {
  if (!isElement(node)) {
    out.push(node);
    return;
  }
  const el = node;
  const axisRules = el.name === 'g' && /\bmark-rule\b/.test(el.attrs.get('class') ?? '') && /\brole-axis-(grid|tick)\b/.test(el.attrs.get('class') ?? '');
  cleanAttributes(el);
  // Copied only where this element changes what its children inherit (a leaf has none).
  let values = inherited.values;
  for (const [k, v] of el.attrs) {
    if (!INHERITED_SET.has(k) || k === 'style') continue;
    if (inherited.values.get(k) === v) el.attrs.delete(k);
    else if (el.children.length) {
      if (values === inherited.values) values = new Map(values);
      (values as Map<string, string>).set(k, v);
    }
  }
  const ctx: Context = {
    fill: paintOf(el, 'fill') ?? inherited.fill,
    stroke: paintOf(el, 'stroke') ?? inherited.stroke,
    drawn: inherited.drawn && !NOT_DRAWN.has(el.name),
    values,
  };
  if (ctx.drawn && el.attrs.get('opacity') === '0') return;
  if (ctx.drawn && SHAPES.has(el.name) && paints(ctx) === false) return;
  if (el.children.length) {
    const children: SvgNode[] = [];
    for (const c of el.children) compactNode(c, ctx, children);
    el.children = children;
  }
  if (el.name !== 'g') {
    out.push(settle(el));
    return;
  }
  if (!el.children.length && ctx.drawn) return;
  hoistShared(el);
  if (axisRules) mergeLines(el);
  if (el.attrs.size === 0) {
    for (const c of el.children) out.push(c);
    return;
  }
  const only = el.children.length === 1 ? el.children[0]! : undefined;
  if (only && isElement(only) && [...el.attrs.keys()].every((k) => k === 'transform' || INHERITED_SET.has(k)) && mergeable(el.attrs.get('style'))) {
    out.push(settle(mergeInto(el, only)));
    return;
  }
  out.push(el);
}

function cleanAttributes(el: SvgElement): void {
  // Deleting or resetting the entry being visited is safe while a Map is iterated.
  for (const [k, v] of el.attrs) {
    if (DEFAULTS.get(k) === v || (k === 'class' && v !== KEPT_CLASS) || (ARIA.has(k) && el.name === 'g')) el.attrs.delete(k);
    // A path's, a line's or a text's position is rounded once, where settle() writes it.
    else if (GEOMETRY.has(k) && !SETTLED.has(el.name)) el.attrs.set(k, compactCoordinates(v));
    else if (FRACTIONS.has(k)) el.attrs.set(k, v.startsWith('0.') ? v.slice(1) : v.startsWith('-0.') ? `-${v.slice(2)}` : v);
    // A presentation attribute's length is in user units (pixels) without its unit.
    else if (k === 'font-size') el.attrs.set(k, v.replace(/^(\d+(?:\.\d+)?)px$/, '$1'));
  }
  if (el.attrs.get('transform') === 'translate(0,0)') el.attrs.delete('transform');
}

/** Every number in an attribute (a transform, a coordinate) to a tenth of a pixel, in its shortest form. */
export function compactCoordinates(value: string): string {
  return value.replace(/-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g, (n) => {
    const r = Math.round(Number(n) * 10) / 10;
    return String(Object.is(r, -0) ? 0 : r).replace(/^(-?)0\./, '$1.');
  });
}

/** A shape's own fill or stroke: its attribute, or its style's declaration (which wins). */
function paintOf(el: SvgElement, prop: 'fill' | 'stroke'): string | undefined {
  const declared = el.attrs.get('style');
  const style = declared === undefined || !declared.includes(prop) ? undefined : PAINT_DECLARATION[prop].exec(declared)?.[1]?.trim();
  return style ?? el.attrs.get(prop);
}

const PAINT_DECLARATION = { fill: /(?:^|;)\s*fill\s*:\s*([^;]+)/, stroke: /(?:^|;)\s*stroke\s*:\s*([^;]+)/ };

/** False when neither fill nor stroke paints anything; undefined when that cannot be told. */
function paints(ctx: Context): boolean | undefined {
  return none(ctx.fill) && (ctx.stroke === undefined || none(ctx.stroke)) ? false : undefined;
}

const none = (p: string | undefined) => p === 'none' || p === 'transparent';

const TRANSLATE = /^translate\((-?[\d.]+)(?:[ ,]+(-?[\d.]+))?\)$/;

/** A path's, a line's or a text's own translation written into its coordinates, where that draws the same. */
function settle(el: SvgElement): SvgElement {
  const t = TRANSLATE.exec(el.attrs.get('transform') ?? '');
  const dx = t ? Number(t[1]) : 0;
  const dy = t ? Number(t[2] ?? 0) : 0;
  // A clip path or a gradient in user space would move with the transform: leave those.
  const foldable = t && !someValueHas(el, 'url(');
  if (el.name === 'path' && el.attrs.has('d')) {
    // A symbol's circle is two half arcs around its own origin. Moved by a whole number of
    // tenths, its ends round alike and stay a diameter apart; moved by any amount, they could
    // round a tenth closer, and arcs of the same radius would then bulge off the centre.
    const arcs = /[Aa]/.test(el.attrs.get('d')!);
    const mx = arcs ? Math.round(dx * 10) / 10 : dx;
    const my = arcs ? Math.round(dy * 10) / 10 : dy;
    el.attrs.set('d', compactPath(el.attrs.get('d')!, foldable ? mx : 0, foldable ? my : 0));
    if (foldable) el.attrs.delete('transform');
  } else if (el.name === 'line' && foldable) {
    el.attrs.delete('transform');
    for (const [k, d] of [['x1', dx], ['y1', dy], ['x2', dx], ['y2', dy]] as const) setNumber(el, k, Number(el.attrs.get(k) ?? 0) + d);
  } else if (el.name === 'text' && foldable && !el.attrs.has('x') && !el.attrs.has('y') && !el.children.some((c) => isElement(c) && (c.attrs.has('x') || c.attrs.has('y')))) {
    el.attrs.delete('transform');
    setNumber(el, 'x', dx);
    setNumber(el, 'y', dy);
  }
  for (const [k, v] of el.attrs) if (GEOMETRY.has(k)) el.attrs.set(k, compactCoordinates(v));
  if (el.name === 'line') for (const k of ['x1', 'y1', 'x2', 'y2']) if (el.attrs.get(k) === '0') el.attrs.delete(k);
  return el;
}

function someValueHas(el: SvgElement, text: string): boolean {
  for (const v of el.attrs.values()) if (v.includes(text)) return true;
  return false;
}

/** Sets a coordinate attribute, or leaves it out where it is SVG's default of 0. */
function setNumber(el: SvgElement, name: string, v: number): void {
  const text = compactCoordinates(String(Math.round(v * 10) / 10));
  if (text === '0') el.attrs.delete(name);
  else el.attrs.set(name, text);
}

/** Only fill and stroke declarations (inherited) may move from a group to its one child. */
function mergeable(style: string | undefined): boolean {
  return !style || style.split(';').every((d) => !d.trim() || /^\s*(fill|stroke)\s*:/.test(d));
}

/** A group of one child as that child: the group's transform before the child's, its inherited attributes where the child sets none. */
function mergeInto(group: SvgElement, child: SvgElement): SvgElement {
  const outer = group.attrs.get('transform');
  const inner = child.attrs.get('transform');
  const attrs = new Map<string, string>();
  if (outer || inner) attrs.set('transform', joinTransforms(outer, inner));
  for (const [k, v] of group.attrs) {
    if (k === 'transform') continue;
    if (k === 'style' && child.attrs.has('style')) attrs.set(k, joinStyles(v, child.attrs.get('style')!));
    else if (!child.attrs.has(k)) attrs.set(k, v);
  }
  for (const [k, v] of child.attrs) if (!attrs.has(k)) attrs.set(k, v);
  child.attrs = attrs;
  return child;
}

/** Two style attributes as one, a property both set taking the second's value (the child's, which wins). */
function joinStyles(outer: string, inner: string): string {
  const decls = new Map<string, string>();
  for (const d of `${outer};${inner}`.split(';')) {
    const at = d.indexOf(':');
    if (at > 0) decls.set(d.slice(0, at).trim(), d.slice(at + 1).trim());
  }
  return [...decls].map(([k, v]) => `${k}:${v}`).join(';');
}

function joinTransforms(outer: string | undefined, inner: string | undefined): string {
  if (!outer || !inner) return (outer ?? inner)!;
  const a = TRANSLATE.exec(outer);
  const lead = /^translate\(([^)]*)\)\s*/.exec(inner);
  const b = lead && TRANSLATE.exec(`translate(${lead[1]})`);
  if (!a || !b || !lead) return `${outer} ${inner}`;
  const x = compactCoordinates(String(Number(a[1]) + Number(b[1])));
  const y = compactCoordinates(String(Number(a[2] ?? 0) + Number(b[2] ?? 0)));
  const rest = inner.slice(lead[0].length);
  return `translate(${x},${y})${rest ? ` ${rest}` : ''}`;
}

/**
 * Moves an attribute every child of a group repeats (each grid line's colour and width, each
 * label's size, anchor and colour) onto the group once. Only inherited properties, only when
 * every child has the same value and the group sets none: the drawing is the same.
 */
export function hoistShared(group: SvgElement): void {
  const kids = group.children;
  if (kids.length < 2 || !kids.every(isElement)) return;
  const elements = kids as SvgElement[];
  for (const name of INHERITED) {
    if (group.attrs.has(name)) continue;
    const first = elements[0]!.attrs.get(name);
    if (first === undefined || !elements.every((e) => e.attrs.get(name) === first)) continue;
    for (const e of elements) e.attrs.delete(name);
    group.attrs.set(name, first);
  }
}

/**
 * An axis's grid lines (or ticks) as one path of a subpath each: the same strokes, one element.
 * Only where every line carries nothing but its position, so each is stroked as the group says;
 * an axis never draws two lines on top of each other, so no pixel is painted twice.
 */
function mergeLines(group: SvgElement): void {
  const lines = group.children;
  if (lines.length < 2 || !lines.every((l) => isElement(l) && l.name === 'line' && [...l.attrs.keys()].every((k) => /^[xy][12]$/.test(k)))) return;
  const d = (lines as SvgElement[]).map((l) => {
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((k) => l.attrs.get(k) ?? '0');
    return `M${x1},${y1}L${x2},${y2}`;
  });
  const joined = d.join('');
  if (!parsePath(joined)) return;
  group.children = [{ name: 'path', attrs: new Map([['d', compactPath(joined)]]), children: [] }];
}
