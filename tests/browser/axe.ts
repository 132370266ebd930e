import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/site.ts';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Violations known and explained in docs/reader-interactivity.md, each on one route and for one
 * rule only; anything else fails. Remove an entry once its cause is fixed.
 */
export const AXE_KNOWN: { route: string; rule: string; why: string }[] = [
];

/** Runs axe-core in the page; returns its serious and critical violations, one line each, less those known on this route. */
export async function seriousAxeViolations(page: Page, route: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .filter((v) => !AXE_KNOWN.some((k) => k.route === route && k.rule === v.id))
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
