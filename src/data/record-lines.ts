import { LineCounter, parseDocument, isSeq } from 'yaml';

/**
 * The source line of each record of a JSON or YAML array of records, so a bad or missing value
 * is reported at its line as it is for a CSV row. JSON is scanned, not re-parsed: a data file
 * can be large, and only the records' starting braces are needed.
 */
export function recordLines(text: string, file: string): number[] {
  return file.endsWith('.json') ? jsonRecordLines(text) : yamlRecordLines(text);
}

function jsonRecordLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  // True where an element of the top-level array may start: after its "[" and after each ",".
  let expect = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expect && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expect = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') expect = ++depth === 1;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expect = true;
  }
  return lines;
}

function yamlRecordLines(text: string): number[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (!isSeq(doc.contents)) return [];
  return doc.contents.items.map((item) => {
    const range = (item as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : 0;
  });
}

/** The line, at or after a record's first line, where `key` is written; the record's line if not found. */
export function keyLine(text: string, from: number, key: string, file: string): number {
  let offset = 0;
  for (let l = 1; l < from && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = file.endsWith('.json') ? new RegExp(`"${escaped}"\\s*:`, 'g') : new RegExp(`(?:^|[\\s{,-])["']?${escaped}["']?\\s*:`, 'gm');
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? text.slice(0, m.index + m[0].length).split('\n').length : from;
}
