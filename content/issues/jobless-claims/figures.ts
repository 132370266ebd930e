import { defineFigures, last, lastDate, max, pointChange, share, type Dataset } from '#tally';

/** Mean of `column` over the last `n` rows. */
function trailingMean(ds: Dataset, column: string, n: number): number {
  const rows = ds.rows().slice(-n);
  return rows.reduce((sum, r) => sum + (r[column] as number), 0) / rows.length;
}

export default defineFigures((t) => {
  const claims = () => t.data('jobless-claims.csv');
  return {
    initial: {
      value: () => last(claims(), 'initial_claims'),
      format: 'integer',
      description: 'Initial jobless claims in the latest week, seasonally adjusted',
    },
    weekEnding: {
      value: () => lastDate(claims()),
      format: 'date:long',
      description: 'The last week in the data on or before the as-of date',
    },
    weeklyChange: {
      value: () => {
        const ds = claims();
        return pointChange(ds, 'initial_claims', String(ds.rows().at(-2)!.week_ending));
      },
      format: '+integer',
      description: 'Change in initial claims from the week before',
    },
    fourWeekAverage: {
      value: () => Math.round(trailingMean(claims(), 'initial_claims', 4)),
      format: 'integer',
      description: 'Average of initial claims over the last four weeks',
    },
    peak: {
      value: () => max(claims(), 'initial_claims').value,
      format: 'integer',
      description: 'Highest weekly initial claims in the series',
    },
    peakWeek: {
      value: () => max(claims(), 'initial_claims').date!,
      format: 'date:long',
      description: 'The week of the highest initial claims in the series',
    },
    calmShare: {
      value: () => share(claims(), (r) => (r.initial_claims as number) < 230000),
      format: 'percent:0',
      description: 'Share of weeks in the series with initial claims under 230,000',
    },
    continuing: {
      value: () => last(claims(), 'continuing_claims'),
      format: 'integer',
      description: 'Continuing claims in the latest week',
    },
  };
});
