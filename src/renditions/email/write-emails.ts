import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { outputCacheDir, restoreCachedOutput, storeCachedOutput, writeOutputFiles } from '../../cache/output-cache.ts';
import type { IssuePageDigest } from '../page-digests.ts';
import { forgetCardFacts, keepCardFacts } from '../page-facts.ts';
import { store } from '../../cache/stores.ts';
import { mapLimit } from '../../core/map-limit.ts';
import { closeRasterPool } from '../png/raster-pool.ts';
import { siteUrl } from '../../core/site.ts';
import { renderEmail } from './render-email.ts';

/** What an email entry notes besides its files: how many chart PNGs it holds. */
interface EmailMeta {
  charts: number;
}
const isEmailMeta = (v: unknown): v is EmailMeta => typeof (v as EmailMeta | null)?.charts === 'number';

/**
 * The key of an issue's email in `.tally-cache/email/`: the page's bytes, its slug (the page
 * URL), the absolute site URL, and the code version. Nothing else goes into an email.
 */
export function emailCacheKey(page: IssuePageDigest, site: URL, version: string): string {
  return createHash('sha256').update(['email', version, site.href, page.slug, page.digest].join('\0')).digest('hex');
}

/**
 * `astro:build:done`: writes <outDir>/email/<slug>.html and <slug>.txt for every issue page of
 * the build, each chart as <outDir>/email/charts/<chart-id>.png, and the editor's preview copy
 * as <outDir>/email/preview/<slug>.html. `site` is the config's absolute site URL: every link
 * and image in an email is absolute (in the preview, site-relative). A page whose bytes did not
 * change since a build with the same code and site gets its cached files, not parsed again.
 */
export async function writeEmails(dir: URL, configSite: string | undefined, pages: readonly IssuePageDigest[], logger: AstroIntegrationLogger): Promise<void> {
  const site = siteUrl(configSite === undefined ? undefined : new URL(configSite));
  const outDir = fileURLToPath(dir);
  const cacheDir = outputCacheDir('email');
  const version = store('email').version();
  // The social cards draw next with the same rasterizer processes (write-cards.ts ends them),
  // from the facts each rendered email kept of its page; a failure here ends them now.
  const results = await mapLimit(pages, 4, async (page) => {
    const key = emailCacheKey(page, site, version);
    const cached = await restoreCachedOutput(cacheDir, key, outDir, isEmailMeta);
    if (cached) {
      return { reused: true, charts: cached.charts };
    }
    const { files, charts, card } = await renderEmail(outDir, page.slug, site);
    keepCardFacts(outDir, page, card);
    const meta: EmailMeta = { charts };
    await writeOutputFiles(outDir, files);
    await storeCachedOutput(cacheDir, key, { files, meta }, outDir);
    return { reused: false, charts: meta.charts };
  }).catch(async (e: unknown) => {
    forgetCardFacts();
    await closeRasterPool();
    throw e;
  });
  const reused = results.filter((r) => r.reused).length;
  const charts = results.reduce((a, r) => a + r.charts, 0);
  const s = (n: number) => (n === 1 ? '' : 's');
  logger.info(`Email: wrote ${pages.length} issue${s(pages.length)} (${reused} reused, ${pages.length - reused} rendered) and ${charts} chart PNG${s(charts)} into email/.`);
}
