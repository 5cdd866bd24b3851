// The ledger's spend per local day (per local hour for a daily budget) of a budget's current period, for its
// burn-down chart (burn-down.shared.ts prepares it).
import type { TSql } from "../db/sql";
import type { Budget } from "../db/generated/client";
import { scopeCondition } from "./budget-scope";
import type { TBurnBucket } from "./burn-down.shared";
import { localDate, localHour, periodBounds, type TPeriodBounds } from "./periods";

const HOUR_MS = 3_600_000;

/** Every bucket of the period, in order: local days, or local hours for a daily budget (DST's repeated hour is one). */
export function periodBuckets(budget: Pick<Budget, "period">, bounds: TPeriodBounds, timeZone: string): { key: string; start: Date; end: Date }[] {
  const out: { key: string; start: Date; end: Date }[] = [];
  const endMs = bounds.end.getTime();
  for (let t = bounds.start.getTime(); t < endMs; ) {
    const at = new Date(t);
    const next = budget.period === "day" ? Math.min(t + HOUR_MS, endMs) : Math.min(periodBounds("day", at, timeZone).end.getTime(), endMs);
    const key = budget.period === "day" ? localHour(at, timeZone) : localDate(at, timeZone);
    const last = out.at(-1);
    if (last?.key === key) last.end = new Date(next);
    else out.push({ key, start: at, end: new Date(next) });
    t = next;
  }
  return out;
}

export async function burnDownBuckets(sql: TSql, budget: Budget, bounds: TPeriodBounds, timeZone: string): Promise<TBurnBucket[]> {
  const scope = scopeCondition(budget, 4);
  const format = budget.period === "day" ? `YYYY-MM-DD HH24":00"` : "YYYY-MM-DD";
  const rows = await sql<{ key: string; cost: string }>(
    `SELECT to_char(("at" AT TIME ZONE 'UTC') AT TIME ZONE $3, '${format}') AS key, SUM("costUsd")::text AS cost
       FROM "UsageEntry"
      WHERE "at" >= $1::timestamptz AT TIME ZONE 'UTC' AND "at" < $2::timestamptz AT TIME ZONE 'UTC' AND ${scope.sql}
      GROUP BY 1`,
    [bounds.start.toISOString(), bounds.end.toISOString(), timeZone, ...scope.params],
  );
  const costs = new Map(rows.map((r) => [r.key, r.cost]));
  return periodBuckets(budget, bounds, timeZone).map((b) => ({ key: b.key, start: b.start.toISOString(), end: b.end.toISOString(), costUsd: costs.get(b.key) ?? "0" }));
}
