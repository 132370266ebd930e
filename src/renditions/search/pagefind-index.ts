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
 * Runs Pagefind over each group of issue pages and returns one bundle per group, as files with
 * paths inside the bundle's folder. Each page is given as lean HTML, without chart SVG (Pagefind
 * skips SVG anyway) and data tables: search finds prose, not every date and value of a chart's
 * data, and Pagefind then reads a page of kilobytes rather than megabytes. Only issue pages are
 * given, and of each only the `<article data-pagefind-body>` is indexed, so other HTML of the
 * output (emails, the search page) never shows up in results. Pages are added one at a time in
 * the order given, so the same pages give the same bundle. One Pagefind process serves them all.
 */
export async function pagefindBundles(outDir: string, groups: readonly (readonly IssuePageDigest[])[]): Promise<OutputFile[][]> {
  try {
    const bundles: OutputFile[][] = [];
    for (const pages of groups) bundles.push(await bundleOf(outDir, pages));
    return bundles;
  } finally {
    await pagefind.close();
  }
}

async function bundleOf(outDir: string, pages: readonly IssuePageDigest[]): Promise<OutputFile[]> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) return fail('SearchIndex', HERE, errors.join('; ') || 'no index was created.');
  // The next page is read while Pagefind indexes this one.
  const lean = (page: IssuePageDigest) => fs.readFile(path.join(outDir, page.file)).then((html) => leanIssueHtml(html, 'none'));
  let next = pages[0] && lean(pages[0]);
  for (const [i, page] of pages.entries()) {
    const content = await next!;
    next = pages[i + 1] && lean(pages[i + 1]!);
    // A read that fails after this page's does so while this one is indexed; it is awaited in turn.
    next?.catch(() => undefined);
    const added = await index.addHTMLFile({ url: issuePath(page.slug), content });
    if (added.errors.length) fail('SearchIndex', { file: page.file }, `${page.file}: ${added.errors.join('; ')}`);
  }
  // In memory, not written by Pagefind's process: it may still be flushing a file it has
  // reported written when close() ends it (seen under load: an empty entry file).
  const bundle = await index.getFiles();
  if (bundle.errors.length) fail('SearchIndex', HERE, bundle.errors.join('; '));
  await index.deleteIndex();
  const files = bundle.files.map((f) => ({ path: f.path.split(path.sep).join('/'), bytes: f.content }));
  if (!isWholeJson(files.find((f) => f.path === 'pagefind-entry.json'))) fail('SearchIndex', HERE, 'Pagefind returned no whole pagefind-entry.json.');
  return files;
}

function isWholeJson(file: OutputFile | undefined): boolean {
  try {
    return file !== undefined && typeof JSON.parse(Buffer.from(file.bytes).toString('utf8')) === 'object';
  } catch {
    return false;
  }
}
