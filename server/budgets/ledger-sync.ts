// Keeping Redis's running "spent" equal to the Postgres sum without a hot row. Redis has no persistence here, so a
// period's spent is initialised from Postgres when its key is missing — and a call settling meanwhile must be counted
// exactly once. The two sides meet under one Postgres advisory lock per budget and period:
//   settle  holds it SHARED while it inserts its UsageEntry row (committed) and adds the cost to every covering
//           budget's Redis spent that exists; settles never wait for each other.
//   init    holds it EXCLUSIVE while it checks that spent is still missing, sums the rows and writes the sum.
// A settle that committed before init took the lock is in init's sum and found no spent to add to; one that starts
// after finds spent and adds to it. Locks are taken in one sorted order, so two settles cannot deadlock with an init.
import type pg from "pg";
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { poolFor } from "../db/sql";
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
      const { spent } = await ledgerSums(sql, budget, bounds);
      await redis.multi().hsetnx(keys.hash, "spent", spent.toString()).pexpireat(keys.hash, bounds.end.getTime() + KEEP_AFTER_PERIOD_MS).exec();
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

const INSERT_USAGE = `INSERT INTO "UsageEntry" ("id", "reservationId", "at", "teamId", "workflowId", "runId", "stepRunId", "apiKeyId",
    "userId", "agentId", "model", "provider", "tokensIn", "tokensOut", "costUsd")
  SELECT 'ue_' || md5($1), $1, $2::timestamptz AT TIME ZONE 'UTC', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::numeric
  FROM (SELECT count(pg_advisory_lock_shared(k)) FROM unnest($15::bigint[]) AS k) AS locked
  ON CONFLICT ("reservationId") DO NOTHING RETURNING "id"`;

/**
 * Writes the row (once per reservation id) holding the shared locks of `locks`, then runs `afterInsert` (the Redis
 * update) before releasing them. The insert commits on its own: the row is the truth even if Redis then fails.
 */
export async function insertUsageLocked(db: TDb, row: TUsageRow, locks: string[], afterInsert: (isInserted: boolean) => Promise<void>): Promise<void> {
  const sorted = [...new Set(locks)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const client: pg.PoolClient = await poolFor(db).connect();
  let isBroken = false;
  try {
    const inserted = await client.query({
      name: "budget-usage-insert",
      text: INSERT_USAGE,
      values: [
        row.reservationId, row.at.toISOString(), row.teamId, row.workflowId, row.runId, row.stepRunId, row.apiKeyId,
        row.userId, row.agentId, row.model, row.provider, row.tokensIn, row.tokensOut, row.costUsd, sorted,
      ],
    });
    try {
      await afterInsert((inserted.rowCount ?? 0) > 0);
    } finally {
      if (sorted.length > 0) await client.query("SELECT pg_advisory_unlock_all()");
    }
  } catch (error) {
    isBroken = true;
    throw error;
  } finally {
    client.release(isBroken);
  }
}
