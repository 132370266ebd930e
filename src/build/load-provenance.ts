import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import { projectRoot } from '../core/paths.ts';
import { chartSources } from './chart-sources.ts';
import { issueProvenance, type IssueProvenance } from '../issues/issue-provenance.ts';
import { issueDir, loadIssueFigures } from '../issues/load-issue-figures.ts';
import { scanUsages } from '../issues/scan-usages.ts';

/**
 * The provenance of an issue page, read in Astro: its MDX scanned for `<Fig>` and `<Chart>`, its
 * figures computed (cached, recomputed in dev when data changes) and its charts made (cached).
 */
export async function loadIssueProvenance(slug: string, asOf: CalendarDate, filePath: string | undefined): Promise<IssueProvenance> {
  const file = filePath ?? `content/issues/${slug}/index.mdx`;
  const text = fs.readFileSync(path.resolve(projectRoot(), file), 'utf8');
  const usages = scanUsages(text, file);
  // An issue with no <Fig> or <Chart> reads no data, as its page would not either.
  if (usages.length === 0) return issueProvenance({ asOf, usages, figures: new Map(), charts: [], loc: { file } });
  const { figures, datasets } = await loadIssueFigures(slug, asOf);
  const charts = await chartSources(usages, issueDir(slug), asOf, { datasets, figures });
  return issueProvenance({ asOf, usages, figures, charts, loc: { file } });
}
