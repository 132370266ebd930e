/** An element of an SVG drawing; attribute values and text are kept as written (escaped). */
export interface SvgElement {
  name: string;
  attrs: Map<string, string>;
  children: SvgNode[];
}

/** An element, or text as written between tags (its entities left encoded). */
export type SvgNode = SvgElement | string;

const TOKEN = /<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
/** A character of `[\w:-]`. */
const isNameChar = (c: number) => (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;

/**
 * Reads the markup Vega's SVG renderer writes (elements, double-quoted attributes, escaped text)
 * into a tree; undefined for anything else (a comment, a stray `<`, unbalanced tags), which the
 * caller then leaves as it is. Nothing is decoded, so what was escaped stays escaped.
 */
export function parseSvg(markup: string): SvgNode[] | undefined {
  const root: SvgElement = { name: '', attrs: new Map(), children: [] };
  const stack = [root];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < markup.length) {
    const m = TOKEN.exec(markup);
    if (!m) return undefined;
    const [, close, open, attrText, selfClosing, text] = m;
    const parent = stack.at(-1)!;
    if (text !== undefined) parent.children.push(text);
    else if (close !== undefined) {
      if (stack.length === 1 || parent.name !== close) return undefined;
      stack.pop();
    } else {
      const attrs = new Map<string, string>();
      // TOKEN matched the attributes whole (`\s+name="value"` each): read them off without a regex.
      for (let eq = attrText!.indexOf('="'); eq >= 0; ) {
        let start = eq;
        while (start > 0 && isNameChar(attrText!.charCodeAt(start - 1))) start--;
        const end = attrText!.indexOf('"', eq + 2);
        attrs.set(attrText!.slice(start, eq), attrText!.slice(eq + 2, end));
        eq = attrText!.indexOf('="', end + 1);
      }
      const el: SvgElement = { name: open!, attrs, children: [] };
      parent.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  return stack.length === 1 ? root.children : undefined;
}

/** The tree as markup: an element without children self-closes, except text (kept as `<text></text>`). */
export function serializeSvg(nodes: readonly SvgNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    out += `<${n.name}`;
    for (const [k, v] of n.attrs) out += ` ${k}="${v}"`;
    out += n.children.length || n.name === 'text' || n.name === 'tspan' ? `>${serializeSvg(n.children)}</${n.name}>` : '/>';
  }
  return out;
}

/** Whether a node is an element (not text). */
export function isElement(n: SvgNode): n is SvgElement {
  return typeof n !== 'string';
}
