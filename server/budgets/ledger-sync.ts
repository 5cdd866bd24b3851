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
  SELECT 'ue_' || md5(r."reservationId"), r."reservationId", r.at::timestamptz AT TIME ZONE 'UTC', r."teamId", r."workflowId", r."runId",
    r."stepRunId", r."apiKeyId", r."userId", r."agentId", r.model, r.provider, r."tokensIn", r."tokensOut", r."costUsd"::numeric
  FROM (SELECT count(pg_advisory_lock_shared(k)) FROM unnest($2::bigint[]) AS k) AS locked,
    jsonb_to_recordset($1::jsonb) AS r("reservationId" text, at text, "teamId" text, "workflowId" text, "runId" text, "stepRunId" text,
      "apiKeyId" text, "userId" text, "agentId" text, model text, provider text, "tokensIn" int, "tokensOut" int, "costUsd" text)
  ON CONFLICT ("reservationId") DO NOTHING RETURNING "reservationId"`;

type TPending = { row: TUsageRow; locks: string[]; afterInsert: (isInserted: boolean) => Promise<void>; done: (error?: unknown) => void };
/** How long settlements gather before one batch writes them: a few ms of latency for far fewer round trips under load. */
const BATCH_WINDOW_MS = 5;
const MAX_BATCH = 200;
const queues = new WeakMap<TDb, TPending[]>();

/**
 * Writes the row (once per reservation id) holding the shared locks of `locks`, then runs `afterInsert` (the Redis
 * update) before releasing them. The insert commits on its own: the row is the truth even if Redis then fails.
 * Settlements arriving within a few milliseconds of each other are written together (one connection, one statement
 * for every row and lock, the Redis updates concurrently, one unlock): under load the per-call lock, insert and
 * unlock round trips queued for pool connections and cost more than the calls they recorded.
 */
export function insertUsageLocked(db: TDb, row: TUsageRow, locks: string[], afterInsert: (isInserted: boolean) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      const batch = queue;
      setTimeout(() => {
        queues.delete(db);
        void writeBatches(db, batch);
      }, BATCH_WINDOW_MS);
    }
    queue.push({ row, locks, afterInsert, done: (error) => (error === undefined ? resolve() : reject(error)) });
  });
}

async function writeBatches(db: TDb, pending: TPending[]): Promise<void> {
  for (let i = 0; i < pending.length; i += MAX_BATCH) await writeBatch(db, pending.slice(i, i + MAX_BATCH));
}

async function writeBatch(db: TDb, batch: TPending[]): Promise<void> {
  const sorted = [...new Set(batch.flatMap((p) => p.locks))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  let client: pg.PoolClient | undefined;
  let isBroken = false;
  try {
    client = await poolFor(db).connect();
    const rows = batch.map(({ row }) => ({ ...row, at: row.at.toISOString() }));
    const inserted = await client.query<{ reservationId: string }>({ name: "budget-usage-insert-batch", text: INSERT_USAGE, values: [JSON.stringify(rows), sorted] });
    // A reservation settled twice in one batch: only its first settlement counts as the one that wrote the row.
    const fresh = new Set(inserted.rows.map((r) => r.reservationId));
    const isFirst = batch.map((p) => fresh.delete(p.row.reservationId));
    try {
      // Each settlement's Redis update, under the locks; one failing does not fail the others.
      await Promise.all(batch.map((p, i) => p.afterInsert(isFirst[i]!).then(() => p.done(), (error: unknown) => p.done(error))));
    } finally {
      if (sorted.length > 0) await client.query("SELECT pg_advisory_unlock_all()");
    }
  } catch (error) {
    isBroken = true;
    for (const p of batch) p.done(error);
  } finally {
    client?.release(isBroken);
  }
}
