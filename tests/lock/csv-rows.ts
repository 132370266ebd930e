/** A CSV's rows as a chart binds them: cells of numbers as numbers, empty cells left out. */
export function csvRows(text: string): Record<string, unknown>[] {
  const [head = '', ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const keys = head.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => {
      const cell = cells[i];
      return [k, cell === undefined || cell === '' ? undefined : Number.isNaN(Number(cell)) ? cell : Number(cell)];
    }));
  });
}
