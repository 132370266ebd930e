/** One segment of SVG path data in absolute coordinates: its command (upper case) and numbers. */
export interface Segment {
  cmd: string;
  args: number[];
}

const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const SPACE = /[\s,]*/y;

/**
 * Path data as absolute segments (relative commands resolved, implicit repeats made explicit),
 * or undefined for data that does not parse. Arc flags may touch what follows, as SVG allows.
 */
export function parsePath(d: string): Segment[] | undefined {
  const out: Segment[] = [];
  let i = 0;
  let cmd = '';
  let [x, y, sx, sy] = [0, 0, 0, 0];
  const skip = () => {
    SPACE.lastIndex = i;
    SPACE.exec(d);
    i = SPACE.lastIndex;
  };
  const num = (flag: boolean): number | undefined => {
    skip();
    if (flag) return d[i] === '0' || d[i] === '1' ? Number(d[i++]) : undefined;
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(d);
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  for (skip(); i < d.length; skip()) {
    if (/[a-zA-Z]/.test(d[i]!)) cmd = d[i++]!;
    else if (!cmd || cmd === 'Z' || cmd === 'z') return undefined;
    const up = cmd.toUpperCase();
    const n = ARITY[up];
    if (n === undefined) return undefined;
    const a: number[] = [];
    for (let k = 0; k < n; k++) {
      const v = num(up === 'A' && (k === 3 || k === 4));
      if (v === undefined || !Number.isFinite(v)) return undefined;
      a.push(v);
    }
    if (cmd !== up) {
      // Relative: every coordinate but an arc's radii, rotation and flags is from the current point.
      if (up === 'H') a[0]! += x;
      else if (up === 'V') a[0]! += y;
      else for (let k = up === 'A' ? 5 : 0; k < n; k += 2) [a[k], a[k + 1]] = [a[k]! + x, a[k + 1]! + y];
    }
    out.push({ cmd: up, args: a });
    if (up === 'Z') [x, y] = [sx, sy];
    else if (up === 'H') x = a[0]!;
    else if (up === 'V') y = a[0]!;
    else [x, y] = [a[n - 2]!, a[n - 1]!];
    if (up === 'M') {
      [sx, sy] = [x, y];
      cmd = cmd === 'M' ? 'L' : 'l';
    }
  }
  return out;
}

/** Every point a path names (ends and control points), absolute: what two spellings of one path must share. */
export function pathPoints(segments: readonly Segment[]): [number, number][] {
  const points: [number, number][] = [];
  let [x, y, sx, sy] = [0, 0, 0, 0];
  for (const { cmd, args } of segments) {
    if (cmd === 'Z') [x, y] = [sx, sy];
    else if (cmd === 'H') x = args[0]!;
    else if (cmd === 'V') y = args[0]!;
    else if (cmd === 'A') [x, y] = [args[5]!, args[6]!];
    else {
      for (let k = 0; k < args.length - 2; k += 2) points.push([args[k]!, args[k + 1]!]);
      [x, y] = [args.at(-2)!, args.at(-1)!];
    }
    if (cmd === 'M') [sx, sy] = [x, y];
    points.push([x, y]);
  }
  return points;
}

/**
 * Path data in its shortest spelling at a tenth of a pixel: every point rounded where it lies
 * (absolute), then each segment written absolute or relative, whichever is shorter (a relative
 * step is the difference of two rounded points, so rounding never accumulates along a long
 * series), a repeated command letter left out, separators only where a number would run into
 * the next. A translation (dx, dy) is folded in. Data that does not parse is returned as it is.
 */
export function compactPath(d: string, dx = 0, dy = 0): string {
  const segments = parsePath(d);
  if (!segments) return d;
  let out = '';
  let last = '';
  let prevNumber = '';
  let [x, y, sx, sy] = [0, 0, 0, 0];
  const write = (letter: string, nums: string[]) => {
    const implicit = letter === last && nums.length > 0 && letter !== 'M' && letter !== 'm';
    const afterMove = (last === 'M' && letter === 'L') || (last === 'm' && letter === 'l');
    let text = implicit || afterMove ? '' : letter;
    let prev = text ? '' : prevNumber;
    for (const n of nums) {
      text += prev && !(n.startsWith('-') || (n.startsWith('.') && /[.eE]/.test(prev))) ? ` ${n}` : n;
      prev = n;
    }
    out += text;
    prevNumber = prev || prevNumber;
    last = letter;
  };
  for (const { cmd, args } of segments) {
    const t = (v: number) => Math.round(v * 10);
    if (cmd === 'Z') {
      write('Z', []);
      prevNumber = '';
      [x, y] = [sx, sy];
      continue;
    }
    let abs: number[];
    let letter = cmd;
    if (cmd === 'H') abs = [t(args[0]! + dx)];
    else if (cmd === 'V') abs = [t(args[0]! + dy)];
    else if (cmd === 'A') abs = [...args.slice(0, 5).map((v, k) => (k < 3 ? t(v) : v * 10)), t(args[5]! + dx), t(args[6]! + dy)];
    else abs = args.map((v, k) => t(v + (k % 2 ? dy : dx)));
    if (cmd === 'L' && abs[1] === y) [letter, abs] = ['H', [abs[0]!]];
    else if (cmd === 'L' && abs[0] === x) [letter, abs] = ['V', [abs[1]!]];
    const rel = abs.map((v, k) => {
      if (letter === 'H') return v - x;
      if (letter === 'V') return v - y;
      if (letter === 'A' && k < 5) return v;
      return v - ((letter === 'A' ? k - 5 : k) % 2 ? y : x);
    });
    const flags = (k: number) => letter === 'A' && (k === 3 || k === 4);
    const absText = abs.map((v, k) => (flags(k) ? String(v / 10) : tenths(v)));
    const relText = rel.map((v, k) => (flags(k) ? String(v / 10) : tenths(v)));
    const useRel = relText.join(' ').length < absText.join(' ').length;
    write(useRel ? letter.toLowerCase() : letter, useRel ? relText : absText);
    if (letter === 'H') x = abs[0]!;
    else if (letter === 'V') y = abs[0]!;
    else [x, y] = [abs.at(-2)!, abs.at(-1)!];
    if (letter === 'M') [sx, sy] = [x, y];
  }
  return out;
}

/** A whole number of tenths in its shortest decimal form: 15 → "1.5", -5 → "-.5", 20 → "2". */
export function tenths(v: number): string {
  if (v === 0) return '0';
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const whole = Math.floor(a / 10);
  const tenth = a % 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole || ''}.${tenth}`;
}
