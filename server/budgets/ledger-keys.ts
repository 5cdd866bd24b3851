// Names of a budget period's Redis keys and of its Postgres advisory lock, and the ledger's Postgres sums.
import { createHash } from "node:crypto";
import type { TSql } from "../db/sql";
import { redisKey } from "../redis/client";
import { scopeCondition, type TBudgetScopeFields } from "./budget-scope";
import type { TPeriodBounds } from "./periods";

export type TPeriodKeys = { hash: string; expiries: string; lock: string };

/** Keys of one budget in one period (its start in ms names it: a new period, or a new time zone, starts clean). */
export function periodKeys(budgetId: string, start: Date): TPeriodKeys {
  const hash = redisKey("budget", budgetId, String(start.getTime()));
  // A signed 64-bit advisory lock key; collisions only make two periods wait for each other briefly.
  const lock = createHash("sha256").update(`budget:${budgetId}:${start.getTime()}`).digest().readBigInt64BE(0).toString();
  return { hash, expiries: `${hash}:exp`, lock };
}

/**
 * Redis keeps a period's keys a day past its end: a call reserved just before the end may settle after it, and the
 * reservation must still be found and dropped.
 */
export const KEEP_AFTER_PERIOD_MS = 86_400_000;

/** maxSeq: the highest UsageEntry.seq summed (0 when none): see ledger-sync.ts. */
export type TLedgerSums = { spent: bigint; generated: bigint; maxSeq: bigint };

/** The ledger's truth: the cost of the rows the budget covers in the period, in 10⁻⁸ USD, and how much is demo history. */
export async function ledgerSums(sql: TSql, budget: TBudgetScopeFields, bounds: TPeriodBounds): Promise<TLedgerSums> {
  const scope = scopeCondition(budget, 3);
  const [row] = await sql<{ spent: string; generated: string; maxSeq: string }>(
    `SELECT (COALESCE(SUM("costUsd"), 0) * 100000000)::bigint::text AS spent,
            (COALESCE(SUM("costUsd") FILTER (WHERE "isGenerated"), 0) * 100000000)::bigint::text AS generated,
            COALESCE(MAX(seq), 0)::text AS "maxSeq"
       FROM "UsageEntry"
      WHERE "at" >= $1::timestamptz AT TIME ZONE 'UTC' AND "at" < $2::timestamptz AT TIME ZONE 'UTC' AND ${scope.sql}`,
    [bounds.start.toISOString(), bounds.end.toISOString(), ...scope.params],
  );
  return { spent: BigInt(row?.spent ?? "0"), generated: BigInt(row?.generated ?? "0"), maxSeq: BigInt(row?.maxSeq ?? "0") };
}
