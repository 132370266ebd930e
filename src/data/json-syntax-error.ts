/**
 * Finds the first syntax error in JSON text: its offset and a short reason. V8's own message
 * gives a position for some errors only ("Unexpected token ']', "…" is not valid JSON" quotes
 * the text instead), so a failed JSON.parse is scanned again here to point at the place.
 * Runs only after JSON.parse has failed, so it favours clarity over speed.
 */
export function jsonSyntaxError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const bad = (reason?: string): never => {
    const c = text[i];
    const before = text.slice(0, i).trimEnd().at(-1);
    const why = reason ?? (c === undefined ? 'the text ends too early' : c === '/' ? 'a comment: JSON has none' : (c === '}' || c === ']') && before === ',' ? `a trailing comma before "${c}"` : `unexpected ${JSON.stringify(c)}`);
    throw new Found(i, why);
  };
  const literal = () => {
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) bad(/^[A-Za-z]/.test(text[i] ?? '') ? `unexpected word ${JSON.stringify(/^\w+/.exec(text.slice(i))![0])} (strings need double quotes; literals are true, false and null)` : undefined);
    i += m![0].length;
  };
  const string = () => {
    if (text[i] !== '"') bad(text[i] === "'" ? 'single quotes: JSON strings need double quotes' : undefined);
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) bad('a line break or control character inside a string');
      i++;
    }
    if (i >= text.length) bad('a string that never ends');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          string();
          ws();
          if (text[i] !== ':') bad();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === close) bad();
          continue;
        }
        if (text[i] === close) return void i++;
        bad();
      }
    }
    if (c === '"') return string();
    literal();
  };
  try {
    value();
    ws();
    if (i < text.length) bad();
    return undefined;
  } catch (e) {
    if (e instanceof Found) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

class Found {
  readonly offset: number;
  readonly reason: string;

  constructor(offset: number, reason: string) {
    this.offset = offset;
    this.reason = reason;
  }
}

/** Where and why JSON.parse failed on `text`: 1-based line and column, and a short reason. */
export function locateJsonError(text: string, error: unknown): { line: number; column: number | undefined; reason: string } {
  const found = jsonSyntaxError(text);
  if (!found) return { line: 1, column: undefined, reason: (error as Error).message };
  const before = text.slice(0, found.offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, reason: found.reason };
}
