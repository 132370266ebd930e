import type { Loc } from '../errors.ts';
import { scanUsages } from '../issues/scan-usages.ts';

/** A `<Chart spec="…">` written in an issue, with where it was written. */
export interface ChartUsage {
  spec: string;
  usage: Loc;
}

/** Every `<Chart>` with a literal spec in the MDX, in reading order. Others fail at render. */
export function findCharts(text: string, file: string): ChartUsage[] {
  return scanUsages(text, file).flatMap((u) => (u.kind === 'chart' ? [{ spec: u.spec, usage: u.usage }] : []));
}
