/** One segment of SVG path data in absolute coordinates: its command (upper case) and numbers. */
export interface Segment {
  cmd: string;
  args: number[];
}

const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };
const WIDE_SPACE = /\s/;

/** Where `[\s,]*` starting at i ends. */
function skipSpace(d: string, i: number): number {
  for (; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c === 32 || c === 44 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !WIDE_SPACE.test(d[i]!)) break;
  }
  return i;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Where the last number readNumber read ended. */
let numberEnd = 0;

/**
 * The number `[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?` starting at i (its end in numberEnd),
 * or undefined when none does. Exactly what Number() makes of its text: up to 15 digits without
 * an exponent are a whole number divided by a power of ten, both exact, so the one rounding of
 * the division is the decimal's own; anything else goes to Number().
 */
function readNumber(d: string, i: number): number | undefined {
  const from = i;
  let c = d.charCodeAt(i);
  const negative = c === 45;
  if (c === 43 || c === 45) c = d.charCodeAt(++i);
  let digits = 0;
  let fraction = 0;
  let whole = 0;
  if (isDigit(c)) {
    do {
      whole = whole * 10 + (c - 48);
      digits++;
      c = d.charCodeAt(++i);
    } while (isDigit(c));
    if (c === 46) {
      c = d.charCodeAt(++i);
      while (isDigit(c)) {
        whole = whole * 10 + (c - 48);
        digits++;
        fraction++;
        c = d.charCodeAt(++i);
      }
    }
  } else if (c === 46 && isDigit(d.charCodeAt(i + 1))) {
    c = d.charCodeAt(++i);
    do {
      whole = whole * 10 + (c - 48);
      digits++;
      fraction++;
      c = d.charCodeAt(++i);
    } while (isDigit(c));
  } else return undefined;
  let exponent = false;
  if (c === 101 || c === 69) {
    let j = i + 1;
    const s = d.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(d.charCodeAt(j))) {
      while (isDigit(d.charCodeAt(++j)));
      i = j;
      exponent = true;
    }
  }
  numberEnd = i;
  if (exponent || digits > 15) return Number(d.slice(from, i));
  const v = fraction ? whole / POWERS[fraction]! : whole;
  return negative ? -v : v;
}

const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Path data as absolute segments (relative commands resolved, implicit repeats made explicit),
 * or undefined for data that does not parse. Arc flags may touch what follows, as SVG allows.
 */
export function parsePath(d: string): Segment[] | undefined {
  const out: Segment[] = [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  for (i = skipSpace(d, i); i < d.length; i = skipSpace(d, i)) {
    if (isLetter(d.charCodeAt(i))) cmd = d[i++]!;
    else if (!cmd || cmd === 'Z' || cmd === 'z') return undefined;
    const up = cmd.toUpperCase();
    const n = ARITY[up];
    if (n === undefined) return undefined;
    const a: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      i = skipSpace(d, i);
      let v: number;
      if (up === 'A' && (k === 3 || k === 4)) {
        const c = d.charCodeAt(i);
        if (c !== 48 && c !== 49) return undefined;
        v = c - 48;
        i++;
      } else {
        const read = readNumber(d, i);
        if (read === undefined || !Number.isFinite(read)) return undefined;
        v = read;
        i = numberEnd;
      }
      a[k] = v;
    }
    if (cmd !== up) {
      // Relative: every coordinate but an arc's radii, rotation and flags is from the current point.
      if (up === 'H') a[0]! += x;
      else if (up === 'V') a[0]! += y;
      else
        for (let k = up === 'A' ? 5 : 0; k < n; k += 2) {
          a[k]! += x;
          a[k + 1]! += y;
        }
    }
    out.push({ cmd: up, args: a });
    if (up === 'Z') {
      x = sx;
      y = sy;
    } else if (up === 'H') x = a[0]!;
    else if (up === 'V') y = a[0]!;
    else {
      x = a[n - 2]!;
      y = a[n - 1]!;
    }
    if (up === 'M') {
      sx = x;
      sy = y;
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
  // A scatter plot's symbols share one short path, each moved: it is read once (its segments are only read here).
  let segments: Segment[] | undefined;
  if (d.length > 256) segments = parsePath(d);
  else {
    if (d !== lastRead.d) lastRead = { d, segments: parsePath(d) };
    segments = lastRead.segments;
  }
  if (!segments) return d;
  let out = '';
  let last = '';
  let prevNumber = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  // One segment at a time, in tenths: its absolute numbers and their text, its relative text.
  const abs: number[] = [];
  const absText: string[] = [];
  const relText: string[] = [];
  for (const { cmd, args } of segments) {
    if (cmd === 'Z') {
      out += 'Z';
      last = 'Z';
      prevNumber = '';
      x = sx;
      y = sy;
      continue;
    }
    let letter = cmd;
    let n = args.length;
    if (cmd === 'H') abs[0] = Math.round((args[0]! + dx) * 10);
    else if (cmd === 'V') abs[0] = Math.round((args[0]! + dy) * 10);
    else if (cmd === 'A') {
      for (let k = 0; k < 3; k++) abs[k] = Math.round(args[k]! * 10);
      abs[3] = args[3]! * 10;
      abs[4] = args[4]! * 10;
      abs[5] = Math.round((args[5]! + dx) * 10);
      abs[6] = Math.round((args[6]! + dy) * 10);
    } else for (let k = 0; k < n; k++) abs[k] = Math.round((args[k]! + (k % 2 ? dy : dx)) * 10);
    if (cmd === 'L' && abs[1] === y) {
      letter = 'H';
      n = 1;
    } else if (cmd === 'L' && abs[0] === x) {
      letter = 'V';
      abs[0] = abs[1]!;
      n = 1;
    }
    let absLength = 0;
    let relLength = 0;
    for (let k = 0; k < n; k++) {
      const v = abs[k]!;
      let a: string;
      let r: string;
      if (letter === 'A' && (k === 3 || k === 4)) a = r = String(v / 10);
      else {
        a = tenths(v);
        r = letter === 'A' && k < 5 ? a : tenths(v - (letter === 'H' ? x : letter === 'V' ? y : (letter === 'A' ? k - 5 : k) % 2 ? y : x));
      }
      absText[k] = a;
      relText[k] = r;
      absLength += a.length;
      relLength += r.length;
    }
    const useRel = relLength < absLength;
    const written = useRel ? letter.toLowerCase() : letter;
    const nums = useRel ? relText : absText;
    const implicit = written === last && n > 0 && written !== 'M' && written !== 'm';
    const afterMove = (last === 'M' && written === 'L') || (last === 'm' && written === 'l');
    let text = implicit || afterMove ? '' : written;
    let prev = text ? '' : prevNumber;
    for (let k = 0; k < n; k++) {
      const num = nums[k]!;
      const c = num.charCodeAt(0);
      text += prev && !(c === 45 || (c === 46 && /[.eE]/.test(prev))) ? ` ${num}` : num;
      prev = num;
    }
    out += text;
    prevNumber = prev || prevNumber;
    last = written;
    if (letter === 'H') x = abs[0]!;
    else if (letter === 'V') y = abs[0]!;
    else {
      x = abs[n - 2]!;
      y = abs[n - 1]!;
    }
    if (letter === 'M') {
      sx = x;
      sy = y;
    }
  }
  return out;
}

let lastRead: { d: string; segments: Segment[] | undefined } = { d: '', segments: [] };

/** A whole number of tenths in its shortest decimal form: 15 → "1.5", -5 → "-.5", 20 → "2". */
export function tenths(v: number): string {
  if (v === 0) return '0';
  // Most coordinates of a chart are within a thousand pixels: their text is made once.
  if (v >= -TENTHS_KEPT && v <= TENTHS_KEPT && Number.isInteger(v)) return (tenthsText[v + TENTHS_KEPT] ??= spellTenths(v));
  return spellTenths(v);
}

const TENTHS_KEPT = 10_000;
const tenthsText: string[] = [];

function spellTenths(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const whole = Math.floor(a / 10);
  const tenth = a % 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole || ''}.${tenth}`;
}
