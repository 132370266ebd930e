/**
 * A small reader of source text for the page-markup test: the string, template and
 * regular-expression literals of TypeScript (comments skipped, `${…}` expressions read too), and
 * of an .astro file its frontmatter and scripts as code and its markup (styles and comments cut)
 * as text. Not a parser: enough to find a class name or attribute typed out in src/.
 */
export interface ScannedSource {
  /** The text of every literal, without its delimiters. */
  literals: string[];
  /** The code with comments removed and every literal emptied. */
  code: string;
  /** The markup of an .astro file, outside frontmatter, scripts, styles and comments. */
  markup: string;
}

export function scanSource(text: string, file: string): ScannedSource {
  if (!file.endsWith('.astro')) return { ...scanCode(text), markup: '' };
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  let rest = front ? text.slice(front[0].length) : text;
  const scripts: string[] = [];
  rest = rest
    .replace(/<script\b[^>]*>([\s\S]*?)<\/script>/g, (_m, body: string) => (scripts.push(body), ''))
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
  const parts = [front?.[1] ?? '', ...scripts].map(scanCode);
  return { literals: parts.flatMap((p) => p.literals), code: parts.map((p) => p.code).join('\n'), markup: rest };
}

const QUOTES = new Set(['"', "'", '`']);
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^']);

function scanCode(src: string): { literals: string[]; code: string } {
  const literals: string[] = [];
  let code = '';
  let last = '';
  let i = 0;
  const n = src.length;

  /** Index of the closing quote of the string starting at `at`; reads `${…}` as code. */
  const stringEnd = (at: number): number => {
    const q = src[at]!;
    let j = at + 1;
    while (j < n) {
      const ch = src[j]!;
      if (ch === '\\') j += 2;
      else if (ch === q || (q !== '`' && ch === '\n')) return j;
      else if (q === '`' && ch === '$' && src[j + 1] === '{') {
        const end = expressionEnd(j + 2);
        literals.push(...scanCode(src.slice(j + 2, end - 1)).literals);
        j = end;
      } else j++;
    }
    return n;
  };
  const expressionEnd = (from: number): number => {
    let depth = 1;
    let j = from;
    while (j < n) {
      const ch = src[j]!;
      if (QUOTES.has(ch)) j = stringEnd(j) + 1;
      else {
        if (ch === '{') depth++;
        if (ch === '}' && --depth === 0) return j + 1;
        j++;
      }
    }
    return n;
  };
  /** Index of the closing slash of a regular expression starting at `at`, or -1 if it is a division. */
  const regexEnd = (at: number): number => {
    let inClass = false;
    for (let j = at + 1; j < n; j++) {
      const ch = src[j]!;
      if (ch === '\\') j++;
      else if (ch === '\n') return -1;
      else if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) return j;
    }
    return -1;
  };

  while (i < n) {
    const c = src[i]!;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && d === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (QUOTES.has(c)) {
      const start = literals.length;
      const e = stringEnd(i);
      literals.splice(start, 0, src.slice(i + 1, e));
      code += c + c;
      last = c;
      i = e + 1;
    } else if (c === '/' && (last === '' || BEFORE_REGEX.has(last) || /\b(return|typeof|case|in|of|void|yield|await)\s*$/.test(code)) && regexEnd(i) > 0) {
      const e = regexEnd(i);
      literals.push(src.slice(i + 1, e));
      code += '/./';
      last = 'x';
      i = e + 1;
      while (i < n && /[a-z]/.test(src[i]!)) i++;
    } else {
      if (!/\s/.test(c)) last = c;
      code += c;
      i++;
    }
  }
  return { literals, code };
}
