// Keeping Redis's running "spent" equal to the Postgres sum without a hot row. Redis has no persistence here, so a
// period's spent is initialised from Postgres when its key is missing — and a call settling meanwhile must be counted
// exactly once. Two things make it so:
//   - one Postgres advisory lock per budget and period: a ledger row is inserted holding it SHARED until its
//     transaction commits (inserts never wait for each other), and init holds it EXCLUSIVE while it checks that spent
//     is still missing, sums the rows and writes the sum, so every row is either committed before init sums or
//     inserted after init is done;
//   - each row's sequence number (UsageEntry.seq): init writes the highest one it summed with spent (initSeq), and a
//     settlement adds its cost to Redis only when its row's seq is above initSeq — a row that init already counted is
//     not added again, whenever its Redis update comes (it runs after the row's commit, outside any lock).
// Locks are taken in one sorted order, so two inserts cannot deadlock with an init.
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { poolFor, sqlFor } from "../db/sql";
import type { TRedis } from "../redis/client";
import { KEEP_AFTER_PERIOD_MS, ledgerSums, type TPeriodKeys } from "./ledger-keys";
import type { TPeriodBounds } from "./periods";

/** Sets spent of a budget's period from the ledger, unless another process did it first. */
export async function initSpent(db: TDb, redis: TRedis, budget: Budget, bounds: TPeriodBounds, keys: TPeriodKeys): Promise<void> {
  const client = await poolFor(db).connect();
  let isBroken = false;
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [keys.lock]);
    try {
      if ((await redis.hexists(keys.hash, "spent")) === 1) return;
      const sql = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await client.query<R>(text, params)).rows;
      const { spent, maxSeq } = await ledgerSums(sql, budget, bounds);
      await redis
        .multi()
        .hsetnx(keys.hash, "spent", spent.toString())
        .hset(keys.hash, "initSeq", maxSeq.toString())
        .pexpireat(keys.hash, bounds.end.getTime() + KEEP_AFTER_PERIOD_MS)
        .exec();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [keys.lock]);
    }
  } catch (error) {
    isBroken = true;
    throw error;
  } finally {
    // A connection in an unknown state (e.g. the unlock failed) is closed, which also drops any lock it held.
    client.release(isBroken);
  }
}

export type TUsageRow = {
  reservationId: string;
  at: Date;
  teamId: string | null;
  workflowId: string | null;
  runId: string | null;
  stepRunId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  agentId: string | null;
  model: string;
  provider: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
};

/** Locks in the one order every writer takes them (signed 64-bit keys as decimal strings), without repeats. */
export function sortedLocks(locks: Iterable<string>): string[] {
  return [...new Set(locks)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

/** The JSON baton_record_usage reads (migration usage_in_flush). */
export function usageRowsJson(rows: TUsageRow[]): string {
  return JSON.stringify(rows.map((row) => ({ ...row, at: row.at.toISOString() })));
}

/** What baton_record_usage returns: per row it inserted, [reservation id, seq]; a reservation already recorded is absent. */
export function insertedSeqs(reply: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(reply)) for (const pair of reply) if (Array.isArray(pair)) out.set(String(pair[0]), String(pair[1]));
  return out;
}

/**
 * Inserts ledger rows (once per reservation id) in one statement holding the shared locks of `locks` until it
 * commits; returns the seq of each row it inserted. The run engine writes its rows the same way inside its flush
 * (server/engine/writer-sql.ts), atomic with the steps that cost them.
 */
export async function insertUsage(db: TDb, rows: TUsageRow[], locks: string[]): Promise<Map<string, string>> {
  const [row] = await sqlFor(db)<{ usage: unknown }>(
    "SELECT baton_record_usage($1::jsonb, $2::bigint[]) AS usage",
    [usageRowsJson(rows), sortedLocks(locks)],
    "budget-record-usage",
  );
  return insertedSeqs(row?.usage);
}
