import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { fail } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';
import { issueSchema, type IssueData } from './frontmatter.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?(\n|$)/;

/**
 * Validates an issue's front matter as YAML 1.2. Astro reads front matter as YAML 1.1, where
 * `draft: no` is false and `date: 2026-13-10` silently becomes 2027-01-10; here both are errors
 * that name the file, the field and its line.
 */
export function checkFrontmatter(file: string): void {
  const abs = path.join(projectRoot(), file);
  const text = fs.readFileSync(abs, 'utf8');
  // Every page that lists the issues checks them all: a text found valid once is not parsed again.
  if (passed.get(abs) === text) return;
  parseFrontmatter(file, text);
  passed.set(abs, text);
}

/** Each issue file's text as it last passed the check. */
const passed = new Map<string, string>();

/** The validated front matter of an issue's text (the same reading for the site and the CLI). */
export function parseFrontmatter(file: string, text: string): IssueData {
  const m = FRONTMATTER.exec(text);
  if (!m) fail('Frontmatter', { file, line: 1 }, `${file} has no front matter: start the file with a --- block holding title, date, summary and authors.`);
  const lines = new LineCounter();
  const doc = parseDocument(m[1]!, { lineCounter: lines, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    fail('Frontmatter', { file, line: at.line + 1, column: at.col }, `The front matter of ${file} is not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = issueSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const node = doc.getIn(issue.path.map((p) => (typeof p === 'number' ? p : String(p))), true) as { range?: [number, number, number] } | undefined;
  const line = node?.range ? lines.linePos(node.range[0]).line + 1 : undefined;
  const got = node && 'source' in node ? ` (it reads ${JSON.stringify((node as { source: unknown }).source)})` : '';
  fail('Frontmatter', { file, line }, `The front matter of ${file}: field "${field || '(root)'}" ${issue.message}${got}.`);
}
