/**
 * `npm run new -- <slug>`: scaffolds content/issues/<slug>/ with front matter, a figures
 * module and a chart spec over a data file in data/, so the new issue builds as is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { TallyError } from '../src/core/errors.ts';
import { siteConfig } from '../src/core/site-config.ts';

const root = process.cwd();
const slug = process.argv[2] ?? '';
const die = (msg: string): never => {
  console.error(`npm run new: ${msg}`);
  process.exit(1);
};

if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) die(`give a slug of lowercase letters, digits and dashes, e.g. \`npm run new -- rates-watch\` (got "${slug}").`);
const dir = path.join(root, 'content', 'issues', slug);
if (fs.existsSync(dir)) die(`content/issues/${slug} already exists; pick another slug.`);

/** The site's default authors (`site.authors` in tally.config.json), as a YAML flow list. */
function defaultAuthors(): string {
  let authors: readonly string[] = [];
  try {
    authors = siteConfig(root).authors;
  } catch (e) {
    if (!(e instanceof TallyError)) throw e;
    die(`${e.title}: ${e.message}\nHint: ${e.hint}`);
  }
  // YAML 1.1 quoting: Astro reads front matter as 1.1, where a plain `yes` is a boolean.
  return stringify(authors, { collectionStyle: 'flow', flowCollectionPadding: false, version: '1.1' }).trim();
}
const authors = defaultAuthors();

type Entry = { columns?: Record<string, string>; dateColumn?: string };
const manifestPath = path.join(root, 'data', 'manifest.yaml');
const manifest = (fs.existsSync(manifestPath) ? parse(fs.readFileSync(manifestPath, 'utf8')) : {}) as Record<string, Entry> | null;

/** A time series to start from: the first data file with a date column and a number column. */
function pickSeries(): { file: string; date: string; value: string } {
  for (const [file, entry] of Object.entries(manifest ?? {})) {
    const cols = Object.entries(entry.columns ?? {});
    const date = entry.dateColumn ?? cols.find(([, t]) => t === 'date')?.[0];
    const value = cols.find(([, t]) => t === 'number' || t === 'integer')?.[0];
    if (date && value) return { file, date, value };
  }
  const file = `${slug}-sample.csv`;
  fs.mkdirSync(path.join(root, 'data'), { recursive: true });
  fs.writeFileSync(path.join(root, 'data', file), 'date,value\n2026-01-05,100\n2026-01-12,104\n2026-01-19,103\n2026-01-26,109\n');
  const entry = `\n${file}:\n  title: Sample series for ${slug}\n  source: Scaffolded by npm run new; replace with real data\n  url: https://example.com/replace-me\n  licence: CC0-1.0\n  retrieved: ${today()}\n  illustrative: true\n  columns:\n    date: date\n    value: number\n`;
  fs.appendFileSync(manifestPath, entry);
  return { file, date: 'date', value: 'value' };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const series = pickSeries();
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(
  path.join(dir, 'index.mdx'),
  `---
title: ${slug.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')}
date: ${today()}
summary: One or two sentences for the home page and the feed.
tags: [draft]
authors: ${authors}
draft: true
---

The latest value is <Fig name="latest" />, on <Fig name="latestDate" />, a change of <Fig name="change" /> since the start of the series.

<Chart spec="./trend.vl.json" />
`,
);
fs.writeFileSync(
  path.join(dir, 'figures.ts'),
  `import { defineFigures, last, lastDate, pctChange } from '#tally';

export default defineFigures((t) => {
  const series = () => t.data(${JSON.stringify(series.file)});
  return {
    latest: {
      value: () => last(series(), ${JSON.stringify(series.value)}),
      format: 'number',
      description: 'Latest value of ${series.value} in ${series.file}',
    },
    latestDate: {
      value: () => lastDate(series()),
      format: 'date',
      description: 'Date of the latest row on or before the issue date',
    },
    change: {
      value: () => {
        const s = series();
        return pctChange(s, ${JSON.stringify(series.value)}, String(s.rows()[0]!.${series.date}));
      },
      format: '+percent',
      description: 'Change in ${series.value} from the first row to the latest',
    },
  };
});
`,
);
fs.writeFileSync(
  path.join(dir, 'trend.vl.json'),
  `${JSON.stringify(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `${series.value} over time`,
      description: `Line chart of ${series.value} from ${series.file}, up to the issue's as-of date.`,
      data: { url: series.file },
      width: 560,
      height: 240,
      mark: 'line',
      encoding: {
        x: { field: series.date, type: 'temporal', title: null },
        y: { field: series.value, type: 'quantitative', scale: { zero: false } },
      },
    },
    null,
    2,
  )}\n`,
);
console.log(`Created content/issues/${slug}/ (index.mdx, figures.ts, trend.vl.json) reading data/${series.file}.
It is a draft: preview it with \`npm run dev\` at /issues/${slug}/, then set draft: false to publish.`);
