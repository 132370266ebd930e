import { pathBounds, type Box } from './path-bounds.ts';

/**
 * The SVG with its shapes that lie wholly outside the picture taken out. They draw nothing, but
 * resvg 2.6 (resvg-js 2.6.2, before resvg's fix for issue 638) aborts the whole process on a
 * shape that needs a layer of its own (opacity, clip-path, mask) when it lies more than twice
 * the picture's size away: a Vega-Lite scatter plot with `"clip": true` and a point beyond the
 * scale's domain is one (each circle has opacity 0.7). Removing what cannot be seen keeps the
 * drawing exact.
 *
 * Conservative by construction: only basic shapes and paths whose every transform up to the
 * root is a translation are measured (stroke and miter joins included); anything else, and any
 * document with filters, markers, <use>, <textPath>, patterns or style sheets, is left as it is.
 */
export function dropOffscreen(svg: string): string {
  if (/<(filter|marker|use|pattern|symbol|style|foreignObject|textPath)\b/.test(svg)) return svg;
  const cuts: [number, number][] = [];
  const stack: Frame[] = [];
  let view: Box | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(svg); m; m = TAG.exec(svg)) {
    const [whole, close, open, attrText, selfClosing] = m;
    if (close !== undefined) {
      const frame = stack.pop();
      if (!frame || frame.name !== close) return svg;
      if (frame.drop) cuts.push([frame.start, m.index + whole.length]);
      continue;
    }
    if (open === undefined) continue;
    const attrs = parseAttrs(attrText ?? '');
    const parent = stack.at(-1);
    if (!parent) {
      if (open !== 'svg') return svg;
      view = visibleBox(attrs);
      if (!view) return svg;
    }
    const frame = enter(open, attrs, parent, m.index);
    if (view && frame.measurable && !frame.hidden && !frame.inDropped) {
      const box = shapeBox(open, attrs);
      frame.drop = box !== undefined && outside(grow(box, frame), view);
    }
    if (!selfClosing) stack.push(frame);
    else if (frame.drop) cuts.push([m.index, m.index + whole.length]);
  }
  if (stack.length || !cuts.length) return svg;
  let out = '';
  let from = 0;
  for (const [a, b] of cuts) {
    out += svg.slice(from, a);
    from = b;
  }
  return out + svg.slice(from);
}

/**
 * True when nothing in the SVG can give a shape a layer of its own in resvg: no opacity (only
 * fill-, stroke- and stop-opacity, which resvg paints without one), clip path, mask, filter,
 * blend mode or isolation, no style attribute or sheet that could set them, and no element
 * drawn through a layer or a pixmap of its own (a nested <svg>, <marker>, <pattern>, <image>, or
 * what <use> and <symbol> bring in). Then resvg cannot abort on a shape far outside the picture
 * and dropOffscreen has nothing to do: drawPng skips it (about 5% of a chart's drawing time).
 * Written as text, so a false "no" is impossible: any mention of those names answers false.
 */
export function layerFree(svg: string): boolean {
  return !LAYERED.test(svg) && svg.indexOf('<svg', svg.indexOf('<svg') + 1) < 0;
}

const LAYERED = /(?<![\w-])(?:opacity|clip-path|mask|filter|mix-blend-mode|isolation|style)\s*=|<(?:style|marker|pattern|image|use|symbol|mask|clipPath|filter|foreignObject|switch)\b/i;

interface Frame {
  name: string;
  start: number;
  /** Offset of this element's user space from the root's, while every transform is a translation. */
  dx: number;
  dy: number;
  /** False once a transform, unit or style attribute we do not follow appears here or above. */
  measurable: boolean;
  /** Inside <defs>, <clipPath>, <mask> or another element whose content is not drawn in place. */
  hidden: boolean;
  strokeWidth: number;
  miterLimit: number;
  /** This element lies wholly outside the picture: it is cut, with its content. */
  drop: boolean;
  /** An ancestor is cut already. */
  inDropped: boolean;
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>/g;
const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);
const GROUPS = new Set(['svg', 'g', 'a', 'title', 'desc', 'metadata']);
const NOT_DRAWN = new Set(['defs', 'clipPath', 'mask', 'linearGradient', 'radialGradient', 'pattern', 'marker', 'symbol']);

function enter(name: string, attrs: Map<string, string>, parent: Frame | undefined, start: number): Frame {
  const shift = translation(attrs.get('transform'));
  const strokeWidth = attrs.has('stroke-width') ? px(attrs.get('stroke-width')) : parent ? parent.strokeWidth : 1;
  const miterLimit = attrs.has('stroke-miterlimit') ? Number(attrs.get('stroke-miterlimit')) : parent ? parent.miterLimit : 4;
  const known = SHAPES.has(name) || GROUPS.has(name);
  const measurable =
    (parent ? parent.measurable : true) &&
    known &&
    !(parent && name === 'svg') &&
    shift !== undefined &&
    !attrs.has('style') &&
    Number.isFinite(strokeWidth) &&
    Number.isFinite(miterLimit);
  return {
    name,
    start,
    dx: (parent?.dx ?? 0) + (shift?.[0] ?? 0),
    dy: (parent?.dy ?? 0) + (shift?.[1] ?? 0),
    measurable,
    hidden: (parent?.hidden ?? false) || NOT_DRAWN.has(name),
    strokeWidth,
    miterLimit,
    drop: false,
    inDropped: parent ? parent.drop || parent.inDropped : false,
  };
}

/** The user-space box of the picture: the viewBox, widened on the axis a "meet" fit leaves room on. */
function visibleBox(attrs: Map<string, string>): Box | undefined {
  const w = px(attrs.get('width'));
  const h = px(attrs.get('height'));
  const vb = (attrs.get('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (vb.length !== 4 || vb.some((n) => !Number.isFinite(n))) {
    return w > 0 && h > 0 ? { x0: 0, y0: 0, x1: w, y1: h } : undefined;
  }
  const [x, y, vw, vh] = vb as [number, number, number, number];
  if (!(vw > 0 && vh > 0)) return undefined;
  let ex = 0;
  let ey = 0;
  if (w > 0 && h > 0 && !/\bnone\b/.test(attrs.get('preserveAspectRatio') ?? '')) {
    const s = Math.min(w / vw, h / vh);
    ex = w / s - vw;
    ey = h / s - vh;
  }
  return { x0: x - ex, y0: y - ey, x1: x + vw + ex, y1: y + vh + ey };
}

/** The bounds of a shape's geometry in its own user space, or undefined when not measured. */
function shapeBox(name: string, a: Map<string, string>): Box | undefined {
  const n = (k: string) => (a.has(k) ? px(a.get(k)) : 0);
  switch (name) {
    case 'path':
      return pathBounds(a.get('d') ?? '');
    case 'rect':
      return box([n('x'), n('y'), n('x') + n('width'), n('y') + n('height')]);
    case 'circle':
      return box([n('cx') - n('r'), n('cy') - n('r'), n('cx') + n('r'), n('cy') + n('r')]);
    case 'ellipse':
      return box([n('cx') - n('rx'), n('cy') - n('ry'), n('cx') + n('rx'), n('cy') + n('ry')]);
    case 'line':
      return box([Math.min(n('x1'), n('x2')), Math.min(n('y1'), n('y2')), Math.max(n('x1'), n('x2')), Math.max(n('y1'), n('y2'))]);
    case 'polyline':
    case 'polygon': {
      const p = (a.get('points') ?? '').trim().split(/[\s,]+/).map(Number);
      if (p.length < 2 || p.length % 2 || p.some((v) => !Number.isFinite(v))) return undefined;
      const xs = p.filter((_, i) => i % 2 === 0);
      const ys = p.filter((_, i) => i % 2 === 1);
      return box([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
    default:
      return undefined;
  }
}

function box([x0, y0, x1, y1]: number[]): Box | undefined {
  return [x0, y0, x1, y1].every((v) => Number.isFinite(v)) ? { x0: x0!, y0: y0!, x1: x1!, y1: y1! } : undefined;
}

/** The box moved into the root's user space and widened by the stroke (miter joins included) and a pixel. */
function grow(b: Box, f: Frame): Box {
  const m = (Math.abs(f.strokeWidth) / 2) * Math.max(f.miterLimit, 1.5) + 1;
  return { x0: b.x0 + f.dx - m, y0: b.y0 + f.dy - m, x1: b.x1 + f.dx + m, y1: b.y1 + f.dy + m };
}

function outside(b: Box, view: Box): boolean {
  return b.x1 < view.x0 || b.x0 > view.x1 || b.y1 < view.y0 || b.y0 > view.y1;
}

/** `translate(x[, y])` transforms (one or several) as one offset; undefined for any other transform. */
function translation(t: string | undefined): [number, number] | undefined {
  if (t === undefined || t.trim() === '') return [0, 0];
  let dx = 0;
  let dy = 0;
  const rest = t.replace(/\s*translate\(\s*([-+.\deE]+)(?:[\s,]+([-+.\deE]+))?\s*\)\s*,?/g, (_, x: string, y: string | undefined) => {
    dx += Number(x);
    dy += Number(y ?? 0);
    return '';
  });
  return rest.trim() === '' && Number.isFinite(dx) && Number.isFinite(dy) ? [dx, dy] : undefined;
}

/** A length in user units (plain or px); NaN for anything else (%, em, …). */
function px(v: string | undefined): number {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(px)?\s*$/.exec(v ?? '');
  return m ? Number(m[1]) : Number.NaN;
}

function parseAttrs(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(m[1]!, m[2] ?? m[3] ?? '');
  return attrs;
}
