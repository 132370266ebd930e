import { z } from 'astro/zod';
import { SITE } from '../core/site.ts';
import { calendarDateFromDate, isCalendarDate, type CalendarDate } from '../data/calendar-date.ts';

/**
 * A calendar date in front matter: `2026-01-21`, quoted or not. Never shifted by a time zone:
 * a YAML timestamp with a time (`2026-01-21T23:30:00-05:00`) is an instant, not a day, and is
 * refused rather than turned into the UTC day (Jan 22).
 */
const calendarDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? (v.getTime() % 86_400_000 === 0 ? calendarDateFromDate(v) : v.toISOString()) : v.trim()))
  .refine(isCalendarDate, { message: 'must be a calendar date written YYYY-MM-DD, e.g. 2026-01-21' })
  .transform((v) => v as CalendarDate);

/** The front matter of `content/issues/<slug>/index.mdx`. */
export const issueSchema = z
  .object({
    title: z.string().min(1, 'must not be empty'),
    date: calendarDate,
    /** Data is cut at this date (inclusive); defaults to `date`. */
    asOf: calendarDate.optional(),
    summary: z.string().min(1, 'must not be empty'),
    tags: z.array(z.string().min(1)).default([]),
    draft: z.boolean().default(false),
    /** Absent: the site's default authors (`site.authors` in tally.config.json), see issueAuthors(). */
    authors: z.array(z.string().min(1)).min(1, 'must name at least one author').optional(),
    /** The figure the home page shows beside the summary. */
    headline: z.string().optional(),
  })
  .strict()
  .transform((d) => ({ ...d, asOf: d.asOf ?? d.date }))
  .refine((d) => d.asOf <= d.date, { message: 'asOf must be on or before date', path: ['asOf'] });

export type IssueData = z.output<typeof issueSchema>;

/**
 * The byline of an issue: its own `authors`, else the site's default authors. Resolved when the
 * page renders, not in the schema, so a change to tally.config.json reaches every issue without
 * one even where Astro's content store kept the parsed front matter.
 */
export function issueAuthors(data: Pick<IssueData, 'authors'>): readonly string[] {
  return data.authors ?? SITE.authors;
}
