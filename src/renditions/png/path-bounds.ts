/** An axis-aligned box: left, top, right, bottom. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const PARAMS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

/**
 * A box that holds every point an SVG path's geometry (its fill, without stroke) can reach:
 * the end and control points of each segment (a Bézier curve stays in their hull) and, for an
 * elliptical arc, a square of twice its largest radius around its start (after the radius is
 * scaled up as SVG does when it is too small to reach the end). Not the tightest box, never
 * too small. Undefined for path data that does not parse, or an empty path.
 */
export function pathBounds(d: string): Box | undefined {
  const b: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const add = (x: number, y: number): void => {
    b.x0 = Math.min(b.x0, x);
    b.y0 = Math.min(b.y0, y);
    b.x1 = Math.max(b.x1, x);
    b.y1 = Math.max(b.y1, y);
  };
  const r = new Reader(d);
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  // The last control point, for the reflection of S and T.
  let cx = Number.NaN;
  let cy = Number.NaN;
  let cmd = '';
  for (r.skip(); !r.done(); r.skip()) {
    const letter = r.letter();
    if (letter) cmd = letter;
    else if (!cmd || cmd === 'Z' || cmd === 'z') return undefined;
    const up = cmd.toUpperCase();
    const rel = cmd !== up;
    const n = PARAMS[up];
    if (n === undefined) return undefined;
    const p = PARAMETERS;
    for (let i = 0; i < n; i++) {
      const v = up === 'A' && (i === 3 || i === 4) ? r.flag() : r.number();
      if (v === undefined) return undefined;
      p[i] = v;
    }
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    let nx = x;
    let ny = y;
    let ncx = NaN;
    let ncy = NaN;
    switch (up) {
      case 'M':
      case 'L':
      case 'T':
        nx = ox + p[0]!;
        ny = oy + p[1]!;
        if (up === 'T') {
          [ncx, ncy] = Number.isNaN(cx) ? [x, y] : [2 * x - cx, 2 * y - cy];
          add(ncx, ncy);
        }
        if (up === 'M') {
          startX = nx;
          startY = ny;
        }
        break;
      case 'H':
        nx = ox + p[0]!;
        break;
      case 'V':
        ny = oy + p[0]!;
        break;
      case 'C':
        add(ox + p[0]!, oy + p[1]!);
        [ncx, ncy] = [ox + p[2]!, oy + p[3]!];
        add(ncx, ncy);
        [nx, ny] = [ox + p[4]!, oy + p[5]!];
        break;
      case 'S':
      case 'Q': {
        const [px, py] = up === 'S' ? (Number.isNaN(cx) ? [x, y] : [2 * x - cx, 2 * y - cy]) : [ox + p[0]!, oy + p[1]!];
        add(px, py);
        [ncx, ncy] = up === 'S' ? [ox + p[0]!, oy + p[1]!] : [px, py];
        add(ncx, ncy);
        [nx, ny] = [ox + p[2]!, oy + p[3]!];
        break;
      }
      case 'A': {
        [nx, ny] = [ox + p[5]!, oy + p[6]!];
        const rx = Math.abs(p[0]!);
        const ry = Math.abs(p[1]!);
        const chord = Math.hypot(nx - x, ny - y);
        if (rx > 0 && ry > 0) {
          const reach = 2 * Math.max(rx, ry) * Math.max(1, chord / (2 * Math.min(rx, ry)));
          add(x - reach, y - reach);
          add(x + reach, y + reach);
        }
        break;
      }
      case 'Z':
        [nx, ny] = [startX, startY];
        break;
    }
    if (up !== 'M') add(x, y);
    add(nx, ny);
    x = nx;
    y = ny;
    cx = ncx;
    cy = ncy;
    // Coordinates after a moveto are implicit linetos.
    if (up === 'M') cmd = rel ? 'l' : 'L';
  }
  return Number.isFinite(b.x0) && Number.isFinite(b.y0) && Number.isFinite(b.x1) && Number.isFinite(b.y1) ? b : undefined;
}

const COMMANDS = 'MmLlHhVvCcSsQqTtAaZz';
const IS_COMMAND = Array.from({ length: 128 }, (_, c) => COMMANDS.includes(String.fromCharCode(c)));
/** The parameters of the segment being read (at most 7, an arc's), reused: one array per segment cost more than the rest. */
const PARAMETERS = new Float64Array(7);

/** Reads path data: commands, numbers, and arc flags (one digit, which may touch what follows). */
class Reader {
  private i = 0;
  private readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  skip(): void {
    for (let c = this.s.charCodeAt(this.i); c === 32 || c === 44 || c === 10 || c === 13 || c === 9 || c === 12; c = this.s.charCodeAt(++this.i));
  }
  letter(): string | undefined {
    if (!IS_COMMAND[this.s.charCodeAt(this.i)]) return undefined;
    return this.s[this.i++];
  }
  /** The grammar of NUMBER, scanned by hand: this runs for every coordinate of every chart drawn. */
  number(): number | undefined {
    this.skip();
    const s = this.s;
    const start = this.i;
    let i = start;
    let c = s.charCodeAt(i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i); // + -
    let digits = 0;
    while (c >= 48 && c <= 57) {
      c = s.charCodeAt(++i);
      digits++;
    }
    if (c === 46) {
      // A point after digits needs none after it; a leading point needs one.
      let frac = 0;
      c = s.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        c = s.charCodeAt(++i);
        frac++;
      }
      if (!digits && !frac) return undefined;
      digits += frac;
    }
    if (!digits) return undefined;
    if (c === 101 || c === 69) {
      // An exponent only when digits follow it; otherwise the number ends before the e.
      let j = i + 1;
      let e = s.charCodeAt(j);
      if (e === 43 || e === 45) e = s.charCodeAt(++j);
      if (e >= 48 && e <= 57) {
        while (e >= 48 && e <= 57) e = s.charCodeAt(++j);
        i = j;
      }
    }
    this.i = i;
    return Number(s.slice(start, i));
  }
  flag(): number | undefined {
    this.skip();
    const c = this.s[this.i];
    if (c !== '0' && c !== '1') return undefined;
    this.i++;
    return Number(c);
  }
}
