import fs from 'node:fs';
import path from 'node:path';
import { TallyError, fail } from '../core/errors.ts';
import { issuesDir, projectRoot, rel } from '../core/paths.ts';
import { listIssueSlugs } from '../issues/read-issues.ts';
import { readAllowList } from './audit-config.ts';
import { auditProse, type Finding } from './audit-prose.ts';
import { auditFrontmatter, auditSpec } from './audit-texts.ts';
import { readSpec, type SpecFile } from '../charts/read-spec.ts';
import { findCharts } from '../issues/scan-usages.ts';

export interface Effects {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Usage: npm run audit [-- [--strict] [--all] [slug | file.mdx …]]
  --strict  exit 1 when any numeral readers see (prose, front matter title, summary and
            headline, chart titles, descriptions, axis and legend titles) is not produced by a figure
  --all     also list the numerals skipped, with the reason (date, year, allowed…)`;

/**
 * `npm run audit`: per issue, every numeral readers see that no figure produced, with its file
 * and line:column: the MDX prose, the front matter's title, summary and headline, and the
 * titles, descriptions, axis and legend titles of each chart it shows (`{{figure}}` is bound).
 * Drafts are audited too: that is where the claims are still being written.
 */
export async function auditCommand(args: readonly string[], fx: Effects): Promise<number> {
  const flags = args.filter((a) => a.startsWith('--'));
  const unknown = flags.filter((f) => !['--strict', '--all', '--help'].includes(f));
  if (unknown.length || flags.includes('--help')) {
    fx.err(`${unknown.length ? `Unknown option ${unknown.join(' ')}.\n` : ''}${USAGE}`);
    return unknown.length ? 2 : 0;
  }
  try {
    const allow = readAllowList();
    const files = targets(args.filter((a) => !a.startsWith('--')));
    let claims = 0;
    const report = (file: string, found: Finding[]) => {
      const shown = flags.includes('--all') ? found : found.filter((f) => !f.skip);
      claims += found.filter((f) => !f.skip).length;
      if (shown.length) fx.out(`${file}\n${shown.map(line).join('\n')}\n`);
    };
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      const mdx = rel(file);
      report(mdx, [...auditFrontmatter(source, mdx, allow), ...auditProse(source, allow)].sort((a, b) => a.line - b.line || a.column - b.column));
      const specs = new Map(findCharts(source, mdx).map((c) => [path.resolve(path.dirname(file), c.spec), c] as const));
      for (const c of specs.values()) {
        let spec: SpecFile;
        try {
          spec = readSpec(c.spec, path.dirname(file), c.usage);
        } catch (e) {
          // A spec that is not there is the build's error to report; the audit reads what exists.
          if (e instanceof TallyError && e.code === 'UnknownSpec') continue;
          throw e;
        }
        report(spec.file, auditSpec(spec, allow));
      }
    }
    fx.out(`${claims} numeral${claims === 1 ? '' : 's'} in text readers see not produced by a figure, in ${files.length} issue${files.length === 1 ? '' : 's'}.`);
    // `npm run audit --strict` (without `--`) hands the flag to npm, which passes it on as npm_config_strict.
    const strict = flags.includes('--strict') || process.env.npm_config_strict === 'true';
    return strict && claims > 0 ? 1 : 0;
  } catch (e) {
    fx.err(e instanceof TallyError ? `${e.title}: ${e.message}${e.hint ? `\nHint: ${e.hint}` : ''}` : String((e as Error).stack ?? e));
    return 1;
  }
}

function line(f: Finding): string {
  const where = `${f.line}:${f.column}`.padEnd(8);
  return `  ${where}${f.numeral.padEnd(10)} ${f.skip ? `(${f.skip}) ` : ''}${f.context}`;
}

/** The MDX files to audit: every issue, or the slugs and files named on the command line. */
function targets(named: readonly string[]): string[] {
  if (!named.length) return listIssueSlugs().map((slug) => path.join(issuesDir(), slug, 'index.mdx'));
  return named.map((n) => {
    const asFile = path.resolve(projectRoot(), n);
    if (n.endsWith('.mdx') && fs.existsSync(asFile)) return asFile;
    const issue = path.join(issuesDir(), n, 'index.mdx');
    if (fs.existsSync(issue)) return issue;
    return fail('UnknownIssue', undefined, n, listIssueSlugs());
  });
}
