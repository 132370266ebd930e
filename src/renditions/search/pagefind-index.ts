import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { leanIssueHtml } from '../lean-page.ts';
import type { OutputFile } from '../../cache/output-cache.ts';
import type { IssuePageDigest } from '../page-digests.ts';
import { fail } from '../../core/errors.ts';
import { issuePath } from '../../core/site.ts';

const HERE = { file: 'src/renditions/search/pagefind-index.ts' };

/**
 * Runs Pagefind over the issue pages and returns its bundle as files of `pagefind/`. Each page
 * is given as lean HTML, without chart SVG (Pagefind skips SVG anyway) and data tables: search
 * finds prose, not every date and value of a chart's data, and Pagefind then reads a page of
 * kilobytes rather than megabytes. Only issue pages are given, and of each only the
 * `<article data-pagefind-body>` is indexed, so other HTML of the output (emails, the search page)
 * never shows up in results. Pages are added one at a time in slug order, so the same pages give
 * the same bundle.
 */
export async function pagefindBundle(outDir: string, pages: readonly IssuePageDigest[]): Promise<OutputFile[]> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) return fail('SearchIndex', HERE, errors.join('; ') || 'no index was created.');
    for (const page of pages) {
      const content = leanIssueHtml(await fs.readFile(path.join(outDir, page.file)), 'none');
      const added = await index.addHTMLFile({ url: issuePath(page.slug), content });
      if (added.errors.length) fail('SearchIndex', { file: page.file }, `${page.file}: ${added.errors.join('; ')}`);
    }
    // In memory, not written by Pagefind's process: it may still be flushing a file it has
    // reported written when close() ends it (seen under load: an empty entry file).
    const bundle = await index.getFiles();
    if (bundle.errors.length) fail('SearchIndex', HERE, bundle.errors.join('; '));
    const files = bundle.files.map((f) => ({ path: `pagefind/${f.path.split(path.sep).join('/')}`, bytes: f.content }));
    if (!isWholeJson(files.find((f) => f.path === 'pagefind/pagefind-entry.json'))) fail('SearchIndex', HERE, 'Pagefind returned no whole pagefind-entry.json.');
    return files;
  } finally {
    await pagefind.close();
  }
}

function isWholeJson(file: OutputFile | undefined): boolean {
  try {
    return file !== undefined && typeof JSON.parse(Buffer.from(file.bytes).toString('utf8')) === 'object';
  } catch {
    return false;
  }
}
