import type { CalendarDate } from '../data/calendar-date.ts';
import { dataFileAbs } from '../data/data-roots.ts';
import { fileDigest } from '../data/file-digest.ts';
import { manifestEntry } from '../data/manifest.ts';
import type { Loc } from '../core/errors.ts';
import type { ComputedFigure } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import type { Usage } from './scan-usages.ts';

/** A chart of an issue as the provenance section names it: its caption and the files it reads. */
export interface ChartSources {
  /** The spec as written in `<Chart spec="…">`. */
  ref: string;
  /** The spec file, relative to the project root. */
  specFile: string;
  title: string;
  sources: SourceRef[];
  usage: Loc;
}

/** A data file an issue reads, with what the manifest says of it and a digest of its bytes. */
export interface FileProvenance {
  /** Relative to data/. */
  file: string;
  title: string;
  source: string;
  /** The manifest's url, kept for display. */
  url: string;
  /** The url when it is http(s), so it may become a link; anything else is shown as text. */
  link: string | undefined;
  licence: string;
  retrieved: CalendarDate;
  illustrative: boolean;
  note: string | undefined;
  /** The first 16 hex digits of the SHA-256 of the file's bytes (as loadDataFile's digest). */
  digest: string;
  /** How many of the issue's figures read this file. */
  figureCount: number;
  /** Titles of the issue's charts that read this file, in reading order. */
  chartTitles: string[];
}

/** A figure of the issue as its reader saw it, with where it comes from. */
export interface FigureProvenance {
  name: string;
  description: string;
  /** The value in the figure's own format (a `format=` override in the prose may differ). */
  rendered: string;
  asOf: CalendarDate;
  /** True when the figure read the latest rows of a file instead of cutting at the issue's asOf. */
  latest: boolean;
  files: string[];
}

export interface ChartProvenance {
  title: string;
  specFile: string;
  files: string[];
}

/** Everything the "Sources and method" section and the illustrative notice show. */
export interface IssueProvenance {
  asOf: CalendarDate;
  files: FileProvenance[];
  figures: FigureProvenance[];
  charts: ChartProvenance[];
  /** True when any figure or chart reads a file the manifest marks illustrative. */
  illustrative: boolean;
}

export interface ProvenanceInput {
  asOf: CalendarDate;
  usages: readonly Usage[];
  figures: ReadonlyMap<string, ComputedFigure>;
  charts: readonly ChartSources[];
  /** The issue's MDX file, for a problem found while reading a data file. */
  loc: Loc;
}

/**
 * Gathers, in reading order, the figures and charts an issue shows and every data file they
 * read. A `<Fig>` naming no figure is skipped here: the component fails on it with its place.
 */
export function issueProvenance(input: ProvenanceInput): IssueProvenance {
  const files = new Map<string, FileProvenance>();
  const note = (file: string, reader: { figure: string } | { chart: string }): void => {
    let f = files.get(file);
    if (!f) {
      const entry = manifestEntry(file);
      // By the bytes, as the loader digests them: a Parquet file is read by DuckDB, never parsed here.
      const digest = fileDigest(dataFileAbs(file))?.slice(0, 16) ?? '';
      f = {
        file,
        title: entry?.title ?? file,
        source: entry?.source ?? '',
        url: entry?.url ?? '',
        link: entry && /^https?:\/\//i.test(entry.url) ? entry.url : undefined,
        licence: entry?.licence ?? '',
        retrieved: entry?.retrieved ?? input.asOf,
        illustrative: entry?.illustrative ?? false,
        note: entry?.note,
        digest,
        figureCount: 0,
        chartTitles: [],
      };
      files.set(file, f);
    }
    if ('figure' in reader) f.figureCount += 1;
    else if (!f.chartTitles.includes(reader.chart)) f.chartTitles.push(reader.chart);
  };

  const figures = new Map<string, FigureProvenance>();
  const charts = new Map<string, ChartProvenance>();
  const chartQueue = [...input.charts];
  for (const u of input.usages) {
    if (u.kind === 'fig') {
      const fig = input.figures.get(u.name);
      if (!fig || figures.has(u.name)) continue;
      for (const s of fig.sources) note(s.file, { figure: u.name });
      figures.set(u.name, { name: u.name, description: fig.description, rendered: fig.rendered, asOf: fig.asOf, latest: fig.sources.some((s) => s.latest), files: fig.sources.map((s) => s.file) });
    } else {
      const chart = chartQueue.shift();
      if (!chart || charts.has(chart.specFile)) continue;
      for (const s of chart.sources) note(s.file, { chart: chart.title });
      charts.set(chart.specFile, { title: chart.title, specFile: chart.specFile, files: chart.sources.map((s) => s.file) });
    }
  }
  const list = [...files.values()];
  return { asOf: input.asOf, files: list, figures: [...figures.values()], charts: [...charts.values()], illustrative: list.some((f) => f.illustrative) };
}
