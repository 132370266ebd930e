import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** What went wrong while a page loaded: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
export interface PageProblems {
  problems: string[];
}

/** The site's public origin (astro.config.mjs `site`) and its built folder, to answer absolute links locally. */
export interface Mirror {
  origin: string;
  dist: string;
}

/**
 * Records every console error, uncaught exception and failed request of a page from now on.
 * Requests to the site's own public origin (absolute URLs, as the email rendition uses) are
 * answered from the built folder; any other request that leaves the loopback address is refused
 * and recorded: the tests never reach the network.
 */
export async function watchPage(page: Page, mirror?: Mirror): Promise<PageProblems> {
  const found: PageProblems = { problems: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') found.problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => found.problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => found.problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) found.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    if (mirror && url.startsWith(`${mirror.origin}/`)) {
      const pathname = decodeURIComponent(new URL(url).pathname);
      const file = path.join(mirror.dist, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      if (file.startsWith(mirror.dist) && fs.existsSync(file) && fs.statSync(file).isFile()) return route.fulfill({ path: file });
      return route.fulfill({ status: 404, body: 'not in the build' });
    }
    found.problems.push(`off-site request refused: ${url}`);
    return route.abort();
  });
  return found;
}
