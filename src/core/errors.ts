import { AstroError } from 'astro/errors';

/** Where a problem is: a file relative to the project root, and a 1-based line and column. */
export interface Loc {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
}

interface Entry<A extends unknown[]> {
  title: string;
  message: (...args: A) => string;
  hint: (...args: A) => string;
}

const entry = <A extends unknown[]>(e: Entry<A>): Entry<A> => e;

/**
 * Every user-facing error Tally raises. Each says what happened and what would fix it;
 * the location is attached by `fail()`.
 */
export const catalogue = {
  UnknownFigure: entry({
    title: 'Unknown figure',
    message: (name: string, issue: string, known: string[]) =>
      `<Fig name="${name}"> names no figure of issue "${issue}".${didYouMean(name, known)}`,
    hint: (_name: string, issue: string, known: string[]) =>
      known.length
        ? `Use one of the figures defined in content/issues/${issue}/figures.ts: ${known.join(', ')}.`
        : `content/issues/${issue}/figures.ts defines no figures: add one there.`,
  }),
  UnknownPlaceholder: entry({
    title: 'Unknown figure',
    message: (name: string, issue: string, known: string[]) =>
      `{{${name}}} names no figure of issue "${issue}".${didYouMean(name, known)}`,
    hint: (_name: string, issue: string, known: string[]) =>
      known.length
        ? `Write {{name}} or {{name|format}} with a figure defined in content/issues/${issue}/figures.ts: ${known.join(', ')}.`
        : `content/issues/${issue}/figures.ts defines no figures: add one there, or remove the {{…}}.`,
  }),
  MissingAttribute: entry({
    title: 'Missing attribute',
    message: (tag: string, attr: string) => `<${tag}> needs a literal ${attr}="…" attribute.`,
    hint: (tag: string, attr: string) =>
      tag === 'Fig' ? `Write <Fig ${attr}="streak" />.` : `Write <Chart ${attr}="./my-chart.vl.json" />.`,
  }),
  BadFormat: entry({
    title: 'Invalid format',
    message: (format: string, reason: string) => `The format "${format}" is not valid: ${reason}.`,
    hint: () =>
      'A format is a kind with optional digits, and a leading "+" (show the sign of a change) or "abs:" (write the magnitude, no sign): number, integer, percent, pp, bp, multiple, currency, date, ordinal, text; e.g. "percent:1", "+pp:2", "abs:percent:0", "currency:0", "date:long".',
  }),
  BadFigureValue: entry({
    title: 'Invalid figure value',
    message: (name: string, reason: string) => `Figure "${name}" ${reason}.`,
    hint: () =>
      'Check the rows and columns the figure reads; a figure must end up a finite number (or a date or text for the date and text formats).',
  }),
  FigureThrew: entry({
    title: 'Figure failed',
    message: (what: string, reason: string) => `Computing ${what} threw: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`,
    hint: (what: string) =>
      `Check the rows ${what} reads at the issue's asOf: a lookup that finds no row gives undefined (rows.find(…)!.price fails on it), and a column may be missing or empty. Helpers such as lookup(), last() and valueAt() fail with the file and row instead; \`npm run figures\` lists each figure's sources.`,
  }),
  FigureWithoutSource: entry({
    title: 'Figure without a source',
    message: (name: string) => `Figure "${name}" reads no data file, so its provenance is unknown.`,
    hint: () =>
      'Compute the value from a file in data/ with the helpers (e.g. last(t.data("file.csv"), "column")), inside the value function.',
  }),
  FiguresModule: entry({
    title: 'Invalid figures module',
    message: (reason: string) => reason,
    hint: () =>
      'A figures.ts must `export default defineFigures((t) => ({ name: { value: () => …, format: "…", description: "…" } }))`.',
  }),
  SqlError: entry({
    title: 'SQL query failed',
    message: (reason: string, near: string[]) =>
      `t.sql failed: ${reason}.${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
    hint: (_reason: string, near: string[]) =>
      near.length
        ? `Use a column of the query's tables: ${near.join(', ')} is the closest; columns and their types are declared in data/manifest.yaml.`
        : 'Tables are ${t.table("file.csv")} views with the columns and types declared in data/manifest.yaml; other interpolated values are bound parameters; the result holds numbers, text, booleans, dates (YYYY-MM-DD) and nulls.',
  }),
  SqlRefused: entry({
    title: 'SQL query refused',
    message: (reason: string, _fix: string) => `t.sql refused the query: ${reason}${/[.?]$/.test(reason) ? '' : '.'}`,
    hint: (_reason: string, fix: string) => fix,
  }),
  UnknownDataFile: entry({
    title: 'Unknown data file',
    message: (file: string, known: string[], issue?: string) => `No data file "${file}" in ${issue ? `content/issues/${issue}/data/ or ` : ''}data/.${didYouMean(file, known)}`,
    hint: (_file: string, known: string[], _issue?: string) => `Data files: ${known.join(', ') || '(none)'}.`,
  }),
  DataUrlOutsideData: entry({
    title: 'Data URL outside data/',
    message: (url: string) => `The data URL "${url}" does not resolve inside data/ or the issue's own data/ folder.`,
    hint: () =>
      'Charts and figures read only files in data/ and in the issue\'s own content/issues/<slug>/data/: write a path relative to that folder, e.g. "url": "indices.csv". Network URLs, absolute paths, ../ and links out of those folders are refused.',
  }),
  UnknownColumn: entry({
    title: 'Unknown column',
    message: (column: string, file: string, known: string[]) =>
      `No column "${column}" in ${file}.${didYouMean(column, known)}`,
    hint: (_column: string, file: string, known: string[]) =>
      `Columns of ${file} (declared in data/manifest.yaml): ${known.join(', ')}.`,
  }),
  BadCell: entry({
    title: 'Invalid data cell',
    message: (column: string, type: string, raw: string, _formats: readonly string[] = []) =>
      raw.trim() === ''
        ? `Column "${column}" is declared ${type}, but the cell is empty (a missing value, never read as zero).`
        : `Column "${column}" is declared ${type}, but the cell holds ${JSON.stringify(raw)}.`,
    hint: (column: string, type: string, raw: string, formats: readonly string[] = []) =>
      raw.trim() !== ''
        ? `${cellHint(type)}${formatsHint(column, raw, formats)}`
        : type.startsWith('date')
          ? 'Every row of a time series needs its date: fill the cell or remove the row.'
          : 'Fill the cell in the data file, or compute the figure from rows or a date that have a value.',
  }),
  ChartTooManyRows: entry({
    title: 'Too many rows for a chart',
    message: (source: string, rows: number, limit: number) => `The chart reads ${rows.toLocaleString('en-US')} rows from ${source}; a chart draws at most ${limit.toLocaleString('en-US')}.`,
    hint: () =>
      'Aggregate first, to what the chart shows: add a dataset to the issue\'s figures.ts, e.g. under datasets, monthly: () => t.sql`select date_trunc(\'month\', date) as month, avg(close) as close from ${t.table("prices.csv")} group by 1 order by 1`, and read it in the spec with "data": {"name": "monthly"}. (TALLY_MAX_CHART_ROWS raises the limit.)',
  }),
  BadTableRow: entry({
    title: 'Invalid data cell',
    message: (file: string, row: number, column: string, type: string, cell: string) =>
      `${file}: row ${row}, column "${column}" is declared ${type}, but ${cell === '' ? 'holds no value' : `holds ${JSON.stringify(cell)}`}.`,
    hint: (_file: string, _row: number, _column: string, type: string) =>
      `${cellHint(type)} Fix the value where the file is made (a Parquet file is written by a program), or the column's type in the manifest.`,
  }),
  BadCsv: entry({
    title: 'Invalid CSV',
    message: (reason: string) => reason,
    hint: () =>
      'Every row needs as many cells as the header: quote a cell that holds a comma ("Beta, with comma"), and double a quote inside quotes (""). Header names must be unique and not empty.',
  }),
  BadDataFile: entry({
    title: 'Invalid data file',
    message: (reason: string, _hint?: string) => reason,
    hint: (_reason: string, hint?: string) => hint ?? 'Fix the file at the place shown, or its entry in the manifest.',
  }),
  DataFileTooLarge: entry({
    title: 'Data file too large to read whole',
    message: (file: string, bytes: number, limit: number) =>
      `${file} is ${mb(bytes)}; t.data, t.doc and a chart's "url" read a file whole into memory, up to ${mb(limit)}.`,
    hint: () =>
      'Query it with SQL instead: t.sql over ${t.table("file")} reads a CSV, TSV or Parquet file of any size through DuckDB, and a chart can draw the aggregated result as a dataset of figures.ts. To read it whole anyway, raise the limit with TALLY_MAX_DATA_MB=<megabytes>.',
  }),
  Manifest: entry({
    title: 'Invalid data manifest',
    message: (reason: string) => reason,
    hint: () =>
      "Each data file needs an entry in its folder's manifest.yaml (data/manifest.yaml, or an issue's own content/issues/<slug>/data/manifest.yaml) with title, source, url, licence, retrieved (YYYY-MM-DD), illustrative (true/false) and, for tables, its columns with types.",
  }),
  DataAdd: entry({
    title: 'Cannot add the data file',
    message: (reason: string, _fix: string) => reason,
    hint: (_reason: string, fix: string) => fix,
  }),
  MissingDate: entry({
    title: 'No row at that date',
    message: (file: string, date: string, nearest: string[]) =>
      `${file} has no row dated ${date}${nearest.length ? ` (nearest: ${nearest.join(', ')})` : ''}.`,
    hint: () => 'Use a date present in the data (after the issue\'s asOf cut), or add the row to the file.',
  }),
  UnknownGroup: entry({
    title: 'No such group',
    message: (value: string, column: string, rows: string, known: string[]) =>
      `No ${column} ${JSON.stringify(value)} in ${rows}.${didYouMean(value, known)}`,
    hint: (_value: string, column: string, rows: string, known: string[]) =>
      `The ${column} values in ${rows}: ${known.slice(0, 20).join(', ')}${known.length > 20 ? `, … (${known.length} in all)` : ''}.`,
  }),
  NoRows: entry({
    title: 'No rows to compute from',
    message: (what: string, rows: string, reason: string) => `${what} finds no rows in ${rows}: ${reason}.`,
    hint: () =>
      "Check the dates and the group against the data as the issue sees it, cut at its asOf (`npm run figures` lists each figure's sources), or widen the window.",
  }),
  BadDateArgument: entry({
    title: 'Invalid date',
    message: (what: string, value: string) => `${what} is given ${JSON.stringify(value)}, which is not a calendar date written YYYY-MM-DD.`,
    hint: () => 'Write a date as a string YYYY-MM-DD, e.g. "2025-12-31".',
  }),
  UnknownSpec: entry({
    title: 'Unknown chart spec',
    message: (spec: string, known: string[]) => `No chart spec "${spec}".${didYouMean(spec, known)}`,
    hint: (_spec: string, known: string[]) =>
      `Specs beside this issue: ${known.join(', ') || '(none)'}. A spec is a Vega-Lite JSON file named *.vl.json.`,
  }),
  InvalidSpec: entry({
    title: 'Invalid Vega-Lite spec',
    message: (reason: string) => reason,
    hint: () => 'Open the spec in the Vega Editor (https://vega.github.io/editor/) to see the problem, then fix the file.',
  }),
  ChartTooWide: entry({
    title: 'Chart too wide to read',
    message: (layout: string, width: number, columns: number, cell: number) =>
      `The chart cannot be drawn legibly in the ${layout} layout (${width} px): with ${columns} column${columns === 1 ? '' : 's'} of cells side by side, each would be ${Math.max(0, cell)} px wide, less than 50 px, once axes, headers and spacing take their room.`,
    hint: (layout: string) =>
      `Let the cells wrap: use a "facet" with "columns", a "concat" with "columns" or a "vconcat" instead of a row × column grid or fixed columns${layout === 'narrow' ? ' (a phone has room for one cell across)' : ''}; or shorten the axis labels and titles, or split the chart in two.`,
  }),
  UnknownDataset: entry({
    title: 'Unknown dataset',
    message: (name: string, known: string[]) =>
      `The spec reads the dataset "${name}", which the issue's figures module does not provide.${didYouMean(name, known)}`,
    hint: () => 'Return it from defineFigures under `datasets`, or read a file with "data": {"url": "file.csv"}.',
  }),
  DuplicateSlug: entry({
    title: 'Two issues with one URL',
    message: (slug: string, other: string) => `The issue folders "${slug}" and "${other}" differ only by case, so they would share one URL on many hosts.`,
    hint: (slug: string) => `Rename content/issues/${slug}/ to a slug of its own (lowercase letters, digits and dashes).`,
  }),
  Frontmatter: entry({
    title: 'Invalid front matter',
    message: (reason: string) => reason,
    hint: () =>
      'Front matter takes title, date (YYYY-MM-DD), asOf (YYYY-MM-DD, defaults to date), summary, tags, draft, authors.',
  }),
  LockChanged: entry({
    title: 'Published figures changed',
    message: (diff: string, _dataChanged: boolean) => diff,
    hint: (_diff: string, dataChanged: boolean) =>
      dataChanged
        ? 'A published issue never changes silently. If the data correction is intended, run `npm run accept` with a reason readers will see (`npm run accept -- --reason "…"`) to rewrite tally.lock.json and commit it; otherwise restore the rows listed above (`git diff data/` shows them too).'
        : 'A published issue never changes silently. No data file changed, so the issue\'s figures module (figures.ts), a chart spec or its front matter did (`git diff content/` shows it). If the change is intended, run `npm run accept` with a reason readers will see (`npm run accept -- --reason "…"`) to rewrite tally.lock.json and commit it; otherwise undo it.',
  }),
  LockFile: entry({
    title: 'Invalid lock file',
    message: (reason: string) => reason,
    hint: () => 'tally.lock.json is written by `npm run accept`; restore it from git, or run `npm run accept` to write it afresh.',
  }),
  LockIncomplete: entry({
    title: 'Published issue not computed',
    message: (errors: string, count: number) =>
      `${count === 1 ? 'A published issue' : `${count} published issues`} could not be computed, so tally.lock.json was left as it was:\n${errors}`,
    hint: () => 'Fix the error shown for each issue, then build again; the lock is written only by a build that computed and compared every published issue.',
  }),
  AcceptNeedsReason: entry({
    title: 'Correction without a reason',
    message: (figures: string[], command: string) =>
      `Accepting would change ${figures.length === 1 ? 'a published figure' : `${figures.length} published figures`} (${figures.join(', ')}); readers are shown each change as a dated correction, with its reason. Nothing was written. Run:\n  ${command}`,
    hint: () =>
      'Say in a sentence why the number changed (e.g. "The source revised its January figures."): it appears on the issue page, in the feed and in the email. New issues and new figures need no reason.',
  }),
  AcceptDate: entry({
    title: 'Invalid correction date',
    message: (value: string) => `TALLY_TODAY is "${value}", which is not a calendar date written YYYY-MM-DD.`,
    hint: () => 'Set TALLY_TODAY to a date such as 2026-03-01, or unset it to record today (UTC).',
  }),
  AuditConfig: entry({
    title: 'Invalid audit configuration',
    message: (reason: string) => reason,
    hint: () =>
      'tally.config.json takes {"audit": {"allow": {"S&P 500": "index name", …}}}: each allowed phrase with a one-line reason.',
  }),
  SiteConfig: entry({
    title: 'Invalid site configuration',
    message: (reason: string) => reason,
    hint: () =>
      'The "site" section of tally.config.json takes name, tagline, description, language (e.g. "en", "fr-CA"), authors (a list of names) and url (https://…); each is optional and defaults to Tally\'s own.',
  }),
  UnknownSiteSetting: entry({
    title: 'Unknown site setting',
    message: (key: string, known: readonly string[]) => `"site.${key}" is not a setting of the site.${didYouMean(key, known)}`,
    hint: (_key: string, known: readonly string[]) => `The "site" section of tally.config.json takes ${known.join(', ')}: rename or remove the key.`,
  }),
  UnknownIssue: entry({
    title: 'Unknown issue',
    message: (name: string, known: string[]) => `No issue or MDX file "${name}".${didYouMean(name, known)}`,
    hint: (_name: string, known: string[]) => `Name an issue by its folder under content/issues (${known.join(', ') || 'none yet'}), or give the path of an .mdx file.`,
  }),
  UnknownHeadline: entry({
    title: 'Unknown headline figure',
    message: (name: string, issue: string, known: string[]) =>
      `headline: "${name}" names no figure of issue "${issue}".${didYouMean(name, known)}`,
    hint: (_name: string, issue: string, known: string[]) =>
      known.length
        ? `The home page shows this figure beside the summary: name one defined in content/issues/${issue}/figures.ts (${known.join(', ')}), or remove the headline line.`
        : `content/issues/${issue}/figures.ts defines no figures: add one there, or remove the headline line.`,
  }),
  NoSite: entry({
    title: 'No site URL',
    message: () => 'The site has no absolute URL, so canonical links, the feed and the sitemap cannot be written.',
    hint: () => 'Set `site` in astro.config.mjs, or the TALLY_SITE environment variable, e.g. TALLY_SITE=https://news.example.com.',
  }),
  SearchIndex: entry({
    title: 'Search index failed',
    message: (reason: string) => `Pagefind could not index the site: ${reason}`,
    hint: () => 'Check that the pagefind package is installed (npm ci) and that the issue pages in the build output are readable; the last good build is kept.',
  }),
  RasterFonts: entry({
    title: 'Fonts for PNG rendering missing',
    message: (reason: string) => `Chart images and social cards are drawn with the Inter fonts, but ${reason}.`,
    hint: () => 'Install the dependencies with `npm ci` (the fonts come from @expo-google-fonts/inter); system fonts are not used, so PNGs look the same on every machine.',
  }),
  EmailRendition: entry({
    title: 'Email rendition failed',
    message: (page: string, reason: string) => `The email rendition of ${page} could not be written: ${reason}.`,
    hint: () => 'The email is made from the built issue page: check that the page still has its <article class="issue">, and that each <figure class="chart"> holds its SVG; the last good build is kept.',
  }),
  SocialCard: entry({
    title: 'Social card failed',
    message: (page: string, reason: string) => `The Open Graph image for ${page} could not be drawn: ${reason}.`,
    hint: () => 'The card is drawn from the issue title and its headline figure: check the front matter `headline:` names a figure the page shows; the last good build is kept.',
  }),
  RasterCrash: entry({
    title: 'PNG drawing crashed',
    message: (what: { stage: string; issue: string; chart?: string | undefined }, signal: string, detail: string) =>
      `The PNG rasterizer (resvg) crashed twice while ${what.stage} for ${what.chart ? `the chart ${what.chart} of issue "${what.issue}"` : `issue "${what.issue}"`}: its process ended with ${signal}${detail ? ` (${detail})` : ''}.`,
    hint: (what: { chart?: string | undefined }) =>
      what.chart
        ? 'The chart draws fine on the web page; only its PNG copy for the email failed, on something in its SVG that resvg cannot draw. Report the spec and the message above; to build meanwhile, simplify the chart (e.g. drop "clip", or filter out marks that fall far outside the plot). The last good build is kept.'
        : 'The page itself is fine; only its Open Graph image failed: report the issue\'s title and headline that trigger it. The last good build is kept.',
  }),
  ChartFileMissing: entry({
    title: 'Chart file missing',
    message: (address: string) =>
      `The chart file ${address} is missing from .tally-cache/chart-files/, or no longer holds the bytes its page stored there: the cache changed while the build ran.`,
    hint: () => 'Build again: the page is rendered again and stores the file afresh (deleting .tally-cache/ is always safe). The last good build is kept.',
  }),
} as const;

export type ErrorName = keyof typeof catalogue;
type ArgsOf<N extends ErrorName> = Parameters<(typeof catalogue)[N]['message']>;

/** An error from the catalogue, located in a file. Astro shows it in the dev overlay and the build log. */
export class TallyError extends AstroError {
  readonly code: ErrorName;
  readonly title: string;
  /** Where the problem is, as far as it is known: the file, and the line and column when known. The message starts with it. */
  readonly where: Loc | undefined;
  /**
   * Read by Astro's dev overlay and build log: set only when the line and column are both known,
   * because Astro prints a location as file:line:column with 0 for what is missing ("figures.ts:0:0").
   */
  readonly loc: Loc | undefined;
  /** The file (and line) as Astro names a module, so that without `loc` it does not take one from the stack. */
  readonly id: string | undefined;
  constructor(code: ErrorName, message: string, title: string, hint: string, loc: Loc | undefined) {
    super(`${loc ? `${formatLoc(loc)}: ` : ''}${message}`, hint);
    this.name = `Tally${code}`;
    this.code = code;
    this.title = title;
    this.where = loc;
    this.loc = loc && loc.line !== undefined && loc.column !== undefined ? loc : undefined;
    this.id = loc ? formatLoc(loc) : undefined;
  }

  setMessage(message: string): void {
    this.message = message;
  }
}

export function fail<N extends ErrorName>(code: N, loc: Loc | undefined, ...args: ArgsOf<N>): never {
  const e = catalogue[code] as unknown as Entry<ArgsOf<N>>;
  throw new TallyError(code, e.message(...args), e.title, e.hint(...args), loc);
}

export function formatLoc(loc: Loc): string {
  return [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((p) => p !== undefined).join(':');
}

/** Names within a small edit distance of `name`, closest first. */
export function closest(name: string, known: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  // A name cut short ("sym" for "symbol") or run on ("close_price" for "close") is a near miss
  // too, ranked after the misspellings.
  const affix = (k: string) => Math.min(lower.length, k.length) >= 3 && (k.startsWith(lower) || lower.startsWith(k));
  return known
    .map((k) => {
      const d = distance(lower, k.toLowerCase());
      return { k, d: d <= limit ? d : affix(k.toLowerCase()) ? limit + 1 : Infinity };
    })
    .filter(({ d }) => d <= limit + 1)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map(({ k }) => k);
}

function didYouMean(name: string, known: readonly string[]): string {
  const near = closest(name, known);
  return near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** For a date cell: the formats that would read it, as the manifest line to write. */
function formatsHint(column: string, raw: string, formats: readonly string[]): string {
  if (formats.length === 0) return '';
  const line = (f: string) => `${column}: { type: date, format: "${f}" }`;
  if (formats.length === 1) return ` ${JSON.stringify(raw.trim())} reads as a date in the format "${formats[0]}": if every cell is written so, declare \`${line(formats[0]!)}\`.`;
  return ` ${JSON.stringify(raw.trim())} reads as a date in "${formats[0]}" or "${formats[1]}" (month first or day first: look at a row whose day is over 12), e.g. \`${line(formats[0]!)}\`.`;
}

function cellHint(type: string): string {
  const format = /^date "(.*)"$/.exec(type)?.[1];
  if (format !== undefined) {
    return `The manifest declares this column's dates in the format "${format}" (strptime: %Y year, %m month number, %d day, %b month name, %H:%M:%S time, %Z offset such as Z or -05:00). Fix the cell, or the column's format in the manifest.`;
  }
  switch (type) {
    case 'date':
      return 'Dates are calendar dates written YYYY-MM-DD, e.g. 2026-01-21.';
    case 'number':
    case 'integer':
      return 'Numbers use a dot for decimals and no thousands separators (1234.5); leave the cell empty for a missing value.';
    case 'boolean':
      return 'Booleans are true or false.';
    default:
      return "Fix the cell or the column type in the file's manifest.yaml.";
  }
}
