import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { orExit } from '../core/build-error.ts';
import { checkDataFiles } from '../data/check-data-files.ts';
import { lockAtBuildEnd, lockAtBuildStart } from '../lock/build-lock.ts';
import { warnOnBadData } from './dev-data-check.ts';
import type { PendingLock } from '../lock/check-lock.ts';
import { devPreview, EDITOR_PAGE, EDITOR_ROUTE, WHOLE_PAGES_MIDDLEWARE } from './dev-preview.ts';
import { devWatchIgnored } from './dev-watch-ignored.ts';
import { quietBuildConfig } from './build-logs.ts';
import { indexSite } from '../renditions/search/index-site.ts';
import { writeEmails } from '../renditions/email/write-emails.ts';
import { writeSocialCards } from '../renditions/og/write-cards.ts';
import { closeChartWorkers } from '../build/live-pools.ts';
import { collectGarbageIfLarge } from '../build/collect-garbage.ts';
import { forgetChartFiles, linkChartFiles } from '../build/chart-files.ts';
import { digestIssuePages } from '../renditions/page-digests.ts';
import { recordAstroCache, verifyAstroCache } from '../cache/astro-page-cache.ts';
import { freezeCodeVersions } from '../cache/stores.ts';
import { forgetOutputLinks } from '../cache/output-cache.ts';
import { clearOutputAside } from '../build/clear-output.ts';
import { prepareSpecValidation } from '../charts/validate-spec.ts';

/**
 * The Tally integration: hooks only, each delegating to a module of its own. Charts plot
 * calendar dates, so the build runs in UTC (see charts/render-svg.ts).
 */
export function tally(): AstroIntegration {
  let site: string | undefined;
  let lock: PendingLock | undefined;
  let output: { dir: string; root: string } | undefined;
  let cleared: Promise<void> | undefined;
  return {
    name: 'tally',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, injectRoute, addMiddleware }) => {
        process.env.TZ = 'UTC';
        // The editor's preview: data and spec edits reload the page; /_tally lists every figure;
        // a page that fails answers 500; build output and caches are not watched.
        if (command === 'dev') {
          updateConfig({ vite: { plugins: [devPreview()], server: { watch: { ignored: [devWatchIgnored(config)] } } } });
          injectRoute({ pattern: EDITOR_ROUTE, entrypoint: EDITOR_PAGE });
          addMiddleware({ order: 'pre', entrypoint: WHOLE_PAGES_MIDDLEWARE });
        }
        // Known noise out of the build's output, so that a warning there is one to act on.
        if (command === 'build') {
          updateConfig({ vite: quietBuildConfig() });
          prepareSpecValidation();
        }
      },
      'astro:config:done': ({ config }) => {
        site = config.site;
        output = { dir: fileURLToPath(config.outDir), root: fileURLToPath(config.root) };
      },
      'astro:server:setup': ({ server, logger }) => warnOnBadData(server.watcher, logger),
      'astro:build:start': async ({ logger }) => {
        // The code does not change under a build: cache keys asked in these hooks need not stat it.
        freezeCodeVersions();
        forgetChartFiles();
        forgetOutputLinks();
        // Before Astro copies a page from its cache: a damaged copy is removed and rendered again.
        const damaged = await verifyAstroCache();
        if (damaged.length) logger.warn(`Astro's page cache held ${damaged.length} file(s) that differ from the last good build; they are rendered again.`);
        // Every declared data file, read by an issue or not (unchanged files are not parsed again).
        await orExit(checkDataFiles, logger);
        // Checked now, written only at the very end: a failed build leaves tally.lock.json as it was.
        lock = await lockAtBuildStart(logger);
        // Only once the checks passed (a build they stop leaves the output as it was, as Astro
        // does): the last output moved aside and deleted while the build runs, not by Astro before it.
        if (output) cleared = clearOutputAside(output.dir, output.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        await closeChartWorkers();
        // Every chart's files linked from the store by the thread pool, while the steps below
        // work: they read the pages, not the chart files.
        const linked = orExit(() => linkChartFiles(fileURLToPath(dir)), logger);
        // Read and digested once: each step below reuses its cached output for unchanged pages.
        // Pagefind works in a process of its own, so it indexes while the emails are drawn.
        const pages = await digestIssuePages(fileURLToPath(dir));
        // A large build process's garbage goes before the child processes below add their memory.
        collectGarbageIfLarge();
        await Promise.all([
          linked,
          indexSite(dir, pages, logger),
          writeEmails(dir, site, pages, logger).then(() => writeSocialCards(dir, pages, logger)),
        ]);
        await recordAstroCache();
        await cleared;
        await lockAtBuildEnd(lock, logger);
        freezeCodeVersions(false);
      },
    },
  };
}

