import { count, defineFigures, group, groupRank, last, lastDate, lookup, max, pctChange, streak, trailing, type FiguresContext, type GroupValue, type Row, type RowTest } from '#tally';

const YEAR_END = '2025-12-31';
const NOVEMBER_LOW = '2025-11-20';

const ratio = (a: Row, col: string, prev: Row) => (a[col] as number) / (prev[col] as number);

/** A session in which the Russell 2000 did better than the S&P 500. */
const smallBeatLarge: RowTest = (r, i, rows) => i > 0 && ratio(r, 'russell2000', rows[i - 1]!) > ratio(r, 'sp500', rows[i - 1]!);

/** A Fed decision that lowered the top of the target range. */
const cut: RowTest = (r, i, rows) => i > 0 && (r.upper as number) < (rows[i - 1]!.upper as number);

/**
 * This year's breadth: the share of S&P 500 members whose close on the last session is further
 * above (or less below) their 2025 close than the index's, and the date of that session.
 */
async function breadthThisYear(t: FiguresContext): Promise<{ share: number; date: string }> {
  const members = await t.sql`
    select symbol,
           max(close) filter (where date = cast(${YEAR_END} as date)) as year_end,
           arg_max(close, date) as last_close,
           max(date) as last_date
    from ${t.table('members.parquet')}
    group by symbol`;
  const missing = members.find((m) => m.year_end === null);
  if (missing) throw new Error(`members.parquet: ${String(missing.symbol)} has no close on ${YEAR_END}, so its move this year is undefined`);
  const index = pctChange(t.data('indices.csv'), 'sp500', YEAR_END);
  const beating = members.filter((m) => (m.last_close as number) / (m.year_end as number) - 1 > index).length;
  return { share: beating / members.length, date: members.map((m) => String(m.last_date)).sort().at(-1)! };
}

/** The published yearly readings with this year's computed one: the league breadth is ranked in. */
async function breadthYears(t: FiguresContext): Promise<{ years: GroupValue<number>[]; thisYear: string }> {
  const now = await breadthThisYear(t);
  const thisYear = now.date.slice(0, 4);
  const past = t.data('breadth.csv').rows().map((r) => ({ group: String(r.date).slice(0, 4), value: r.share_beating_index as number }));
  return { years: [...past.filter((y) => y.group !== thisYear), { group: thisYear, value: now.share }], thisYear };
}

export default defineFigures({
  figures: (t) => {
    const indices = () => t.data('indices.csv');
    const pe = () => t.data('forward-pe.csv');
    const growth = () => t.data('earnings-growth.csv');
    const rates = () => t.data('fed-funds.csv');
    const closes = (ticker: string) => group(t.data('stock-closes.csv'), 'ticker', ticker);
    const policy = () => t.data('policy.yaml');
    const streaks = () => t.data('small-cap-streaks.csv');
    const growthOf = (group: string, year: number, basis: string) =>
      lookup(growth(), 'growth', (r) => r.group === group && r.year === year && r.basis === basis);
    const ytd = (ticker: string) => pctChange(closes(ticker), 'close', YEAR_END);
    /** 1 − the last close ÷ the highest close of the 52 weeks up to it. */
    const belowHigh = (ticker: string) => {
      const rows = closes(ticker);
      return 1 - last(rows, 'close') / max(trailing(rows, 364), 'close').value;
    };
    const provision = (measure: string) => lookup(policy(), 'value', (r) => r.measure === measure);

    return {
      // The streak and the year so far
      streak: {
        value: () => streak(indices(), smallBeatLarge),
        format: 'integer',
        description: 'Trading sessions in a row, up to the as-of date, in which the Russell 2000 rose more (or fell less) than the S&P 500',
      },
      sessions2026: {
        value: () => count(indices(), (r) => String(r.date) > YEAR_END),
        format: 'integer',
        description: 'Trading sessions in 2026 up to the as-of date',
      },
      recordStreak: {
        value: () => max(streaks(), 'sessions').value,
        format: 'integer',
        description: 'Longest earlier run of sessions in which the Russell 2000 beat the S&P 500',
      },
      recordStreakEnd: {
        value: () => max(streaks(), 'sessions').date!,
        format: 'date:month',
        description: 'When the longest earlier run of small-cap outperformance ended',
      },
      smallYtd: {
        value: () => pctChange(indices(), 'russell2000', YEAR_END),
        format: 'percent',
        description: 'Russell 2000 price change from the 2025 close to the as-of date',
      },
      smallSinceLow: {
        value: () => pctChange(indices(), 'russell2000', NOVEMBER_LOW),
        format: 'percent',
        description: 'Russell 2000 price change from its November 20, 2025 close, the low of the autumn',
      },
      smallLevel: {
        value: () => last(indices(), 'russell2000'),
        format: 'number:0',
        description: 'Russell 2000 index close on the as-of date (the index, not the IWM fund that tracks it)',
      },
      largeYtd: {
        value: () => pctChange(indices(), 'sp500', YEAR_END),
        format: 'percent',
        description: 'S&P 500 (cap-weighted) price change from the 2025 close to the as-of date',
      },
      equalYtd: {
        value: () => pctChange(indices(), 'sp500_equal_weight', YEAR_END),
        format: 'percent',
        description: 'S&P 500 Equal Weight price change from the 2025 close to the as-of date',
      },
      nasdaqYtd: {
        value: () => pctChange(indices(), 'nasdaq100', YEAR_END),
        format: 'percent',
        description: 'Nasdaq 100 price change from the 2025 close to the as-of date',
      },
      lastSession: {
        value: () => lastDate(indices()),
        format: 'date:long',
        description: 'The last trading session in the data, on or before the as-of date',
      },

      // Valuations
      smallPe: {
        value: () => last(pe(), 'russell2000'),
        format: 'multiple',
        description: 'Russell 2000 forward price-to-earnings ratio at the end of 2025',
      },
      largePe: {
        value: () => last(pe(), 'sp500'),
        format: 'multiple',
        description: 'S&P 500 forward price-to-earnings ratio at the end of 2025',
      },
      nasdaqPe: {
        value: () => last(pe(), 'nasdaq100'),
        format: 'multiple:1',
        description: 'Nasdaq 100 forward price-to-earnings ratio at the end of 2025',
      },
      peDiscount: {
        value: () => 1 - last(pe(), 'russell2000') / last(pe(), 'sp500'),
        format: 'percent:0',
        description: 'How much cheaper the Russell 2000 is than the S&P 500 on forward earnings: 1 − small-cap P/E ÷ large-cap P/E',
      },
      peDiscountRank: {
        value: () => {
          const ds = pe();
          const rows = ds.rows();
          const discounts = rows.map((r) => 1 - (r.russell2000 as number) / (r.sp500 as number));
          return 1 + discounts.filter((d) => d > discounts.at(-1)!).length;
        },
        format: 'ordinal',
        description: 'Rank of the end-2025 small-cap discount among all month ends in the series (1st = widest)',
      },
      peMonths: {
        value: () => count(pe()),
        format: 'integer',
        description: 'Month ends in the forward P/E series',
      },
      peYears: {
        value: () => count(pe()) / 12,
        format: 'integer',
        description: 'Years covered by the forward P/E series',
      },

      // Rates
      rateLower: {
        value: () => last(rates(), 'lower') / 100,
        format: 'percent:2',
        description: 'Lower bound of the federal funds target range on the as-of date',
      },
      rateUpper: {
        value: () => last(rates(), 'upper') / 100,
        format: 'percent:2',
        description: 'Upper bound of the federal funds target range on the as-of date',
      },
      cutsInARow: {
        value: () => streak(rates(), cut),
        format: 'integer',
        description: 'Consecutive Federal Reserve decisions, up to the as-of date, that lowered the target range',
      },
      cutSize: {
        value: () => {
          const rows = rates().rows();
          const [a, b] = rows.slice(-2);
          return ((a!.upper as number) - (b!.upper as number)) / 100;
        },
        format: 'bp',
        description: 'Size of the latest cut to the top of the federal funds target range',
      },

      // Earnings
      smallGrowth: {
        value: () => growthOf('Russell 2000', 2026, 'Consensus'),
        format: 'percent:0',
        description: 'Consensus projection of Russell 2000 earnings growth in 2026',
      },
      largeGrowth: {
        value: () => growthOf('S&P 500', 2026, 'Consensus'),
        format: 'percent:0',
        description: 'Consensus projection of S&P 500 earnings growth in 2026',
      },
      bullGrowth: {
        value: () => growthOf('Russell 2000', 2026, 'Most bullish estimate'),
        format: 'percent:0',
        description: 'The most bullish published projection of Russell 2000 earnings growth in 2026',
      },
      techGrowth2024: {
        value: () => growthOf('Mega-cap tech', 2024, 'Reported (late 2024)'),
        format: 'percent:0',
        description: 'Reported earnings growth of mega-cap technology companies in late 2024',
      },
      techGrowth2026: {
        value: () => growthOf('Mega-cap tech', 2026, 'Consensus'),
        format: 'percent:0',
        description: 'Consensus projection of mega-cap technology earnings growth in 2026',
      },
      growthGap: {
        value: () => growthOf('Russell 2000', 2026, 'Consensus') - growthOf('S&P 500', 2026, 'Consensus'),
        format: 'pp:0',
        description: 'Projected 2026 earnings growth of the Russell 2000 minus that of the S&P 500',
      },

      // Breadth
      breadthShare: {
        value: async () => (await breadthThisYear(t)).share,
        format: 'percent:0',
        description: 'Share of S&P 500 members beating the index in 2026 to the as-of date',
      },
      breadthRank: {
        value: async () => {
          const { years, thisYear } = await breadthYears(t);
          return groupRank(years, thisYear);
        },
        format: 'ordinal',
        description: 'Rank of this year\'s breadth reading among all the years in the series (1st = broadest)',
      },
      breadthYears: {
        value: async () => (await breadthYears(t)).years.length,
        format: 'integer',
        description: 'Years in the breadth series, the current one included',
      },
      equalMinusCap: {
        value: () => pctChange(indices(), 'sp500_equal_weight', YEAR_END) - pctChange(indices(), 'sp500', YEAR_END),
        format: 'pp:1',
        description: 'Equal-weight minus cap-weight S&P 500 return this year, in percentage points',
      },

      // Policy
      corporateRate: { value: () => provision('corporate_tax_rate'), format: 'percent:0', description: 'US corporate income tax rate, made permanent by the July 2025 act' },
      bonusDepreciation: { value: () => provision('bonus_depreciation'), format: 'percent:0', description: 'Share of qualifying capital spending that can be deducted at once under the July 2025 act' },
      qbiDeduction: { value: () => provision('qbi_deduction'), format: 'percent:0', description: 'Deduction for qualified business income, made permanent by the July 2025 act' },

      // Stocks
      hban: { value: () => ytd('HBAN'), format: '+percent', description: 'Huntington Bancshares (HBAN) share price change this year' },
      rf: { value: () => ytd('RF'), format: '+percent', description: 'Regions Financial (RF) share price change this year' },
      ktos: { value: () => ytd('KTOS'), format: '+percent', description: 'Kratos Defense & Security Solutions (KTOS) share price change this year' },
      nvda: { value: () => ytd('NVDA'), format: '+percent', description: 'Nvidia (NVDA) share price change this year' },
      msft: { value: () => ytd('MSFT'), format: '+percent', description: 'Microsoft (MSFT) share price change this year' },
      aaplBelowHigh: { value: () => belowHigh('AAPL'), format: 'percent:0', description: 'How far Apple (AAPL) trades below its 52-week high' },
    };
  },

  datasets: (t) => ({
    breadth: async () => {
      const now = await breadthThisYear(t);
      const past = t.data('breadth.csv').rows().map((r) => ({ date: r.date, share_beating_index: r.share_beating_index }));
      return [...past, { date: now.date, share_beating_index: now.share }];
    },
    relative: () => {
      const ds = t.data('indices.csv');
      const rows = ds.rows();
      const base = rows.find((r) => r.date === YEAR_END) ?? rows[0]!;
      const run = streak(ds, smallBeatLarge);
      return rows.map((r, i) => ({
        date: r.date,
        relative: Math.round(((r.russell2000 as number) / (base.russell2000 as number) / ((r.sp500 as number) / (base.sp500 as number))) * 10000) / 100,
        streak: i >= rows.length - run,
      }));
    },
    ytd: () => {
      const ds = t.data('indices.csv');
      const names: Record<string, string> = {
        russell2000: 'Russell 2000',
        sp500_equal_weight: 'S&P 500 Equal Weight',
        nasdaq100: 'Nasdaq 100',
        sp500: 'S&P 500',
      };
      return Object.entries(names).map(([col, index]) => ({ index, change: Math.round(pctChange(ds, col, YEAR_END) * 10000) / 10000 }));
    },
  }),
});
