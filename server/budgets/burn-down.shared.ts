// Isomorphic: a budget's burn-down for the current period — cumulative spend per local day (per hour for a daily
// budget) up to now, and a straight-line forecast to the period's end at the average rate so far. Chart values are
// plain numbers (display only); the amounts they come from are the ledger's exact decimals.

export type TBurnBucket = {
  /** Local day (YYYY-MM-DD) or hour (YYYY-MM-DD HH:00) in the organisation's time zone. */
  key: string;
  /** When the bucket starts and ends (ISO instants): the last one ends with the period. */
  start: string;
  end: string;
  /** What the ledger counted in it (decimal USD); "0" for buckets still to come. */
  costUsd: string;
};

export type TBurnPoint = { key: string; spent: number | null; forecast: number | null };

export type TBurnDown = {
  points: TBurnPoint[];
  amount: number;
  /** Spent at the period's end if spending goes on at the average rate so far. */
  forecastUsd: number;
  /** When the amount is reached at that rate (ISO), null when not within the period or never. */
  reachesAmountAt: string | null;
  isReached: boolean;
};

/** Less elapsed time than this and a rate would be a guess from a handful of calls: no forecast yet. */
export const MIN_FORECAST_ELAPSED_MS = 15 * 60_000;

export function prepareBurnDown(input: { buckets: TBurnBucket[]; periodStart: string; periodEnd: string; now: string; amountUsd: string; spentUsd: string }): TBurnDown {
  const now = Date.parse(input.now);
  const start = Date.parse(input.periodStart);
  const end = Date.parse(input.periodEnd);
  const amount = Number(input.amountUsd);
  const spent = Number(input.spentUsd);
  const elapsed = Math.max(0, now - start);
  const rate = elapsed >= MIN_FORECAST_ELAPSED_MS ? spent / elapsed : null;
  let cumulative = 0;
  const points = input.buckets.map((b): TBurnPoint => {
    const bStart = Date.parse(b.start);
    const bEnd = Math.min(Date.parse(b.end), end);
    if (bStart > now) return { key: b.key, spent: null, forecast: rate === null ? null : spent + rate * (bEnd - now) };
    cumulative += Number(b.costUsd);
    // The bucket holding now: the actual line ends here and the forecast starts from it.
    const isCurrent = bEnd > now;
    return { key: b.key, spent: cumulative, forecast: isCurrent && rate !== null ? cumulative : null };
  });
  const forecastUsd = rate === null ? spent : spent + rate * Math.max(0, end - now);
  const isReached = amount <= spent && !(amount === 0 && spent === 0);
  let reachesAmountAt: string | null = null;
  if (!isReached && rate !== null && rate > 0) {
    const at = now + (amount - spent) / rate;
    if (at < end) reachesAmountAt = new Date(at).toISOString();
  }
  return { points, amount, forecastUsd, reachesAmountAt, isReached };
}
