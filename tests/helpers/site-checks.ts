import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseFrontmatter } from '../../src/issues/check-frontmatter.ts';
import { scanUsages } from '../../src/issues/scan-usages.ts';
import { ROOT } from './site.ts';

const run = promisify(execFile);

/** An issue as written under a site's content/issues, whatever it is called. */
export interface IssueOnDisk {
  slug: string;
  /** `content/issues/<slug>/index.mdx`. */
  file: string;
  draft: boolean;
  /** The name of every literal `<Fig name>` in its MDX, in reading order (repeats kept). */
  figs: string[];
  /** How many literal `<Chart spec>` its MDX holds. */
  charts: number;
}

/** Every folder of `<root>/content/issues` that holds an index.mdx, sorted by slug; none is fine. */
export function issuesOnDisk(root: string): IssueOnDisk[] {
  const dir = path.join(root, 'content', 'issues');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.mdx')))
    .map((d) => d.name)
    .sort()
    .map((slug) => {
      const file = `content/issues/${slug}/index.mdx`;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const usages = scanUsages(text, file);
      return {
        slug,
        file,
        draft: parseFrontmatter(file, text).draft,
        figs: usages.flatMap((u) => (u.kind === 'fig' ? [u.name] : [])),
        charts: usages.filter((u) => u.kind === 'chart').length,
      };
    });
}

/** Every element of the page carrying `data-figure`: its figure name and its text. */
export function renderedFigures(html: string): { name: string; text: string }[] {
  return [...html.matchAll(/<(\w+)\s[^>]*\bdata-figure="([^"]*)"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({
    name: m[2]!,
    text: m[3]!.replace(/<[^>]*>/g, '').trim(),
  }));
}

const BAD_TEXT = /^$|\b(NaN|undefined|null|Infinity)\b|\[object /;

/**
 * What is wrong with a published issue's built page, as readable lines (none when it is fine):
 * the page is missing, a `<Fig>` of the MDX has no `data-figure` element (or fewer than it is
 * used), a figure's text is empty or NaN/undefined, a `<Chart>` has no inline SVG.
 */
export function issuePageProblems(dist: string, issue: IssueOnDisk): string[] {
  const page = path.join(dist, 'issues', issue.slug, 'index.html');
  if (!fs.existsSync(page)) return [`${issue.file}: no page at issues/${issue.slug}/index.html`];
  const html = fs.readFileSync(page, 'utf8');
  const shown = renderedFigures(html);
  const problems: string[] = [];
  const used = new Map<string, number>();
  for (const name of issue.figs) used.set(name, (used.get(name) ?? 0) + 1);
  for (const [name, times] of used) {
    const found = shown.filter((f) => f.name === name).length;
    if (found < times) problems.push(`${issue.file}: <Fig name="${name}"> is used ${times} time(s), the page has ${found} data-figure="${name}" element(s)`);
  }
  for (const f of shown) if (BAD_TEXT.test(f.text)) problems.push(`${issue.file}: figure "${f.name}" reads "${f.text}"`);
  const charts = html.match(/<figure class="chart"[\s\S]*?<\/figure>/g) ?? [];
  if (charts.length < issue.charts) problems.push(`${issue.file}: ${issue.charts} <Chart> usage(s), the page has ${charts.length} chart figure(s)`);
  for (const chart of charts) if (!/<svg[^>]*role="img"/.test(chart)) problems.push(`${issue.file}: a chart without an inline SVG`);
  return problems;
}

/** Runs `npm run audit` (scripts/audit.ts) over a site; resolves with its exit code and output. */
export async function runAudit(root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [path.join(ROOT, 'scripts', 'audit.ts'), ...args], { cwd: root, env: { ...process.env, TALLY_ROOT: root } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout?: string; stderr?: string };
    return { code: err.code, out: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}
