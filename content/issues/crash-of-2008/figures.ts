import { between, count, defineFigures, drawdown, groupBy, last, lastDate, perGroup, rankGroups, rebase, valueAt, type Dataset, type Drawdown, type FiguresContext, type GroupKey } from '#tally';

/** The crash is looked for from here on: the highs of 2007 and later. */
const FROM = '2007-01-01';
const INDEX = 'S&P 500';

function crash(t: FiguresContext) {
  const sp500 = () => between(t.data('sp500.csv'), FROM);
  const stocks = () => between(t.data('stocks.csv'), FROM);
  const spFall = () => drawdown(sp500(), 'price');
  const falls = () => perGroup(stocks(), 'symbol', (rows) => drawdown(rows, 'price'));
  /** Stocks by the depth of their fall, deepest first. */
  const ranked = () => rankGroups(falls().map((f) => ({ group: f.group, value: f.value.depth })), 'ascending');
  const fallOf = (symbol: GroupKey): Drawdown => falls().find((f) => f.group === symbol)!.value;
  const deepest = () => ranked()[0]!.group;
  const shallowest = () => ranked().at(-1)!.group;
  const recovered = () => falls().filter((f) => f.value.recovery !== undefined).sort((a, b) => a.value.recovery!.localeCompare(b.value.recovery!));
  return { sp500, stocks, spFall, falls, fallOf, deepest, shallowest, recovered };
}

/** Each series rebased to 100 at the month the S&P 500 peaked, from that month on; one decimal is all a chart and its data table need. */
function rebasedAtPeak(t: FiguresContext) {
  const c = crash(t);
  const from = c.spFall().peak.date;
  const series = (symbol: string, ds: Dataset) => rebase(ds, 'price', from).map((p) => ({ symbol, date: p.date, value: Math.round(p.value * 10) / 10 }));
  const stocks = c.stocks();
  return [...[...groupBy(stocks, 'symbol')].map(([symbol, rows]) => series(String(symbol), rows)), series(INDEX, c.sp500())].flat();
}

export default defineFigures({
  figures: (t) => {
    const c = crash(t);
    return {
      spDepth: {
        value: () => c.spFall().depth,
        format: 'abs:percent:0',
        description: 'Fall of the S&P 500 from its high to its low, on monthly closes from January 2007 on',
      },
      spPeak: { value: () => c.spFall().peak.value, format: 'number:0', description: 'The S&P 500 at its monthly high before the crash' },
      spPeakDate: { value: () => c.spFall().peak.date, format: 'date:month', description: 'The month of the S&P 500’s high before the crash' },
      spTrough: { value: () => c.spFall().trough.value, format: 'number:0', description: 'The S&P 500 at its monthly low of the crash' },
      spTroughDate: { value: () => c.spFall().trough.date, format: 'date:month', description: 'The month of the S&P 500’s low of the crash' },
      spMonths: {
        value: () => count(between(c.sp500(), c.spFall().peak.date, c.spFall().trough.date)) - 1,
        format: 'integer',
        description: 'Months from the S&P 500’s high to its low',
      },
      spWorstMonth: {
        value: async () => (await worstMonth(t))[0]!.change as number,
        format: 'abs:percent:0',
        description: 'The S&P 500’s largest fall in one month from January 2007 on, from one monthly close to the next (with SQL)',
      },
      spWorstMonthDate: {
        value: async () => (await worstMonth(t))[0]!.date as string,
        format: 'date:month',
        description: 'The month of the S&P 500’s largest one-month fall (with SQL)',
      },
      spFromTrough: {
        value: () => last(c.sp500(), 'price') / c.spFall().trough.value - 1,
        format: 'percent:0',
        description: 'Change of the S&P 500 from its low of the crash to the last month of the data',
      },
      spBelowPeak: {
        value: () => last(c.sp500(), 'price') / c.spFall().peak.value - 1,
        format: 'abs:percent:0',
        description: 'How far the S&P 500 stands below its pre-crash high in the last month of the data',
      },
      spNeeded: {
        value: () => 1 / (1 + c.spFall().depth) - 1,
        format: 'percent:0',
        description: 'The rise that takes the S&P 500 from its low back to its high: the high over the low, minus 1',
      },
      lastMonth: { value: () => lastDate(c.sp500()), format: 'date:month', description: 'The last month of the data' },
      stockCount: { value: () => c.falls().length, format: 'integer', description: 'Stocks in the file' },
      deepest: { value: () => String(c.deepest()), format: 'text', description: 'The stock with the deepest fall from its high to its low, from January 2007 on' },
      deepestDepth: { value: () => c.fallOf(c.deepest()).depth, format: 'abs:percent:0', description: 'The deepest fall of a stock from its high to its low, from January 2007 on' },
      deepestPeakDate: { value: () => c.fallOf(c.deepest()).peak.date, format: 'date:month', description: 'The month of the high before the deepest fall' },
      deepestTroughDate: { value: () => c.fallOf(c.deepest()).trough.date, format: 'date:month', description: 'The month of the low of the deepest fall' },
      shallowest: { value: () => String(c.shallowest()), format: 'text', description: 'The stock with the shallowest fall from its high to its low, from January 2007 on' },
      shallowestDepth: { value: () => c.fallOf(c.shallowest()).depth, format: 'abs:percent:0', description: 'The shallowest fall of a stock from its high to its low, from January 2007 on' },
      shallowestPeakDate: { value: () => c.fallOf(c.shallowest()).peak.date, format: 'date:month', description: 'The month of the high before the shallowest fall' },
      shallowestPeakIndex: {
        value: () => valueAt(c.sp500(), 'price', c.fallOf(c.shallowest()).peak.date) / c.spFall().peak.value - 1,
        format: 'abs:percent:0',
        description: 'How far the S&P 500 stood below its own high in the month the shallowest-falling stock peaked',
      },
      deeperThanIndex: {
        value: () => c.falls().filter((f) => f.value.depth < c.spFall().depth).length,
        format: 'integer',
        description: 'Stocks whose fall from high to low was deeper than the S&P 500’s',
      },
      recoveredCount: {
        value: () => c.recovered().length,
        format: 'integer',
        description: 'Stocks whose monthly price was back at its pre-crash high by the last month of the data',
      },
      firstBack: { value: () => String(c.recovered()[0]!.group), format: 'text', description: 'The first stock back at its pre-crash high' },
      firstBackDate: { value: () => c.recovered()[0]!.value.recovery!, format: 'date:month', description: 'The month the first stock was back at its pre-crash high' },
      firstBackDepth: { value: () => c.recovered()[0]!.value.depth, format: 'abs:percent:0', description: 'The fall from high to low of the first stock back at its high' },
      baseLevel: {
        value: () => rebasedAtPeak(t)[0]!.value,
        format: 'integer',
        description: 'The level every series of the rebased chart starts from, in the month the S&P 500 peaked',
      },
    };
  },
  datasets: (t) => ({
    rebased: () => rebasedAtPeak(t),
    falls: () =>
      t.sql`
        with prices as (
          select symbol, date, price from ${t.table('stocks.csv')} where date >= cast(${FROM} as date)
          union all
          select ${INDEX} as symbol, date, price from ${t.table('sp500.csv')} where date >= cast(${FROM} as date)
        ),
        running as (
          select symbol, price, max(price) over (partition by symbol order by date rows between unbounded preceding and current row) as high
          from prices
        )
        select symbol, round(min(price / high - 1), 4) as fall from running group by symbol order by fall`,
  }),
});

/** The S&P 500's monthly changes from January 2007 on, largest fall first. */
function worstMonth(t: FiguresContext) {
  return t.sql`
    with monthly as (
      select date, price / lag(price) over (order by date) - 1 as change
      from ${t.table('sp500.csv')}
      where date >= cast(${FROM} as date)
    )
    select date, change from monthly where change is not null order by change, date limit 1`;
}
