import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkLock } from '../lock/check-lock.ts';
import { devPreview, EDITOR_PAGE, EDITOR_ROUTE } from './dev-preview.ts';
import { indexSite } from '../search/index-site.ts';
import { writeEmails } from '../email/write-emails.ts';
import { writeSocialCards } from '../og/write-cards.ts';
import { closeChartWorkers } from '../charts/live-pools.ts';
import { digestIssuePages } from '../build-end/page-digests.ts';

/**
 * The Tally integration: hooks only, each delegating to a module of its own. Charts plot
 * calendar dates, so the build runs in UTC (see charts/render-svg.ts).
 */
export function tally(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'tally',
    hooks: {
      'astro:config:setup': ({ command, updateConfig, injectRoute }) => {
        process.env.TZ = 'UTC';
        // The editor's preview: data and spec edits reload the page; /_tally lists every figure.
        if (command === 'dev') {
          updateConfig({ vite: { plugins: [devPreview()] } });
          injectRoute({ pattern: EDITOR_ROUTE, entrypoint: EDITOR_PAGE });
        }
      },
      'astro:config:done': ({ config }) => void (site = config.site),
      'astro:build:start': ({ logger }) => checkLock(logger),
      'astro:build:done': async ({ dir, logger }) => {
        await closeChartWorkers();
        // Read and digested once: each step below reuses its cached output for unchanged pages.
        // Pagefind works in a process of its own, so it indexes while the emails are drawn.
        const pages = await digestIssuePages(fileURLToPath(dir));
        await Promise.all([
          indexSite(dir, pages, logger),
          writeEmails(dir, site, pages, logger).then(() => writeSocialCards(dir, pages, logger)),
        ]);
      },
    },
  };
}
