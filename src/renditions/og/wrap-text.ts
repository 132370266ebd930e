/**
 * Greedy word wrap into at most `maxLines` lines no wider than `maxWidth`, as `measure` counts
 * width. A word wider than a line is cut between characters; text left over when the lines run
 * out ends the last line with an ellipsis, which also fits.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (s: string) => number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      i++;
    } else if (line) {
      lines.push(line);
      line = '';
    } else {
      // One word wider than the line: cut it where it stops fitting.
      const chars = [...word];
      let cut = 1;
      while (cut < chars.length && measure(chars.slice(0, cut + 1).join('')) <= maxWidth) cut++;
      lines.push(chars.slice(0, cut).join(''));
      words[i] = chars.slice(cut).join('');
    }
  }
  // A non-empty `line` means fewer than maxLines were pushed; words left mean the text was cut.
  if (line) lines.push(line);
  if (i < words.length && lines.length) lines[lines.length - 1] = ellipsize(lines[lines.length - 1]!, maxWidth, measure);
  return lines;
}

function ellipsize(line: string, maxWidth: number, measure: (s: string) => number): string {
  let chars = [...line];
  while (chars.length && measure(`${chars.join('').trimEnd()}…`) > maxWidth) chars = chars.slice(0, -1);
  return `${chars.join('').trimEnd()}…`;
}
