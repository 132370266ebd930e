import type { AstroIntegration } from 'astro';

/**
 * The Tally integration: hooks only. Charts plot calendar dates, so the build runs in UTC
 * (see render-svg.ts); the rest of the pipeline lives in src/data, src/figures, src/charts.
 */
export function tally(): AstroIntegration {
  return {
    name: 'tally',
    hooks: {
      'astro:config:setup': () => {
        process.env.TZ = 'UTC';
      },
    },
  };
}
