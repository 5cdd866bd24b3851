// Rolls finished runs up into MetricBucket (source "workflow", minute/hour/day, isGenerated false) for the dashboard.
// Invariants:
// - each run is added exactly once: a batch's bucket upserts and the watermark move commit in one transaction, and
//   the watermark row is locked (FOR UPDATE) for that transaction, so two workers can never read the same watermark;
// - the watermark is the last (finishedAt, id) processed, so runs sharing a finishedAt are never split wrongly;
// - runs are only taken once their finishing transaction has surely committed: finishedAt older than a fixed lag and
//   older than the start of any transaction still writing to the database (see cutoffFor);
// - generated (seed) runs are skipped: the seed wrote their buckets with the history.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import {
  deleteOldMinuteBuckets,
  oldestWriterStart,
  selectBatch,
  upsertRunBuckets,
  upsertStepBuckets,
} from "./rollup-sql";

export const ROLLUP_WATERMARK_KEY = "metrics.rollupWatermark";
/** Writers stamp finishedAt before they commit: younger runs wait for the next pass. */
export const LATE_WRITER_LAG_MS = 2_000;
/** Writing transactions older than this are presumed stuck and no longer hold the rollup back. */
const WRITER_WINDOW_MS = 5 * 60_000;
export const MINUTE_RETENTION_MS = 48 * 3_600_000;
const DEFAULT_BATCH_SIZE = 5_000;
// Bounds one call (and so one tick of the job); a longer backlog is finished by the following ticks.
const DEFAULT_MAX_BATCHES = 20;
const DEFAULT_PRUNE_LIMIT = 10_000;
const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };

const ZRollupWatermark = z.object({ finishedAt: z.string().nullable(), id: z.string() });
export type TRollupWatermark = z.infer<typeof ZRollupWatermark>;
const START: TRollupWatermark = { finishedAt: null, id: "" };

export type TRollupOptions = {
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
  /** Checked between batches (a stopping worker ends after the batch in progress). */
  signal?: AbortSignal;
};
export type TRollupResult = {
  runs: number;
  batches: number;
  /** Bucket rows inserted or updated (one per granularity, bucket, team, workflow and model touched per batch). */
  bucketWrites: number;
  isCaughtUp: boolean;
  watermark: TRollupWatermark;
};

/** Adds the runs finished since the watermark to the buckets, batch by batch, until caught up (or maxBatches). */
export async function rollupRuns(db: TDb, options: TRollupOptions = {}): Promise<TRollupResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  const result: TRollupResult = { runs: 0, batches: 0, bucketWrites: 0, isCaughtUp: false, watermark: START };
  while (result.batches < maxBatches && !options.signal?.aborted) {
    const batch = await db.$transaction((tx) => rollupBatch(tx, now, batchSize), TX_OPTIONS);
    result.watermark = batch.watermark;
    if (batch.runs > 0) result.batches += 1;
    result.runs += batch.runs;
    result.bucketWrites += batch.bucketWrites;
    if (batch.runs < batchSize) {
      result.isCaughtUp = true;
      break;
    }
  }
  return result;
}

async function rollupBatch(tx: Prisma.TransactionClient, now: Date, limit: number) {
  const watermark = await lockWatermark(tx);
  const cutoff = await cutoffFor(tx, now);
  const rows = await tx.$queryRaw<{ id: string; finishedAt: string }[]>(
    selectBatch(watermark, cutoff.toISOString(), limit),
  );
  const last = rows.at(-1);
  if (!last) return { runs: 0, bucketWrites: 0, watermark };
  const ids = rows.map((r) => r.id);
  const minuteFloor = new Date(now.getTime() - MINUTE_RETENTION_MS).toISOString();
  const bucketWrites =
    (await tx.$executeRaw(upsertRunBuckets(ids, minuteFloor))) +
    (await tx.$executeRaw(upsertStepBuckets(ids, minuteFloor)));
  const next: TRollupWatermark = { finishedAt: last.finishedAt, id: last.id };
  await tx.systemSetting.update({ where: { key: ROLLUP_WATERMARK_KEY }, data: { value: next } });
  return { runs: rows.length, bucketWrites, watermark: next };
}

/** Reads the watermark and holds its row lock until the transaction ends (creating the row the first time). */
async function lockWatermark(tx: Prisma.TransactionClient): Promise<TRollupWatermark> {
  await tx.$executeRaw`
    INSERT INTO "SystemSetting" (key, value, "updatedAt")
    VALUES (${ROLLUP_WATERMARK_KEY}, ${JSON.stringify(START)}::jsonb, now())
    ON CONFLICT (key) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM "SystemSetting" WHERE key = ${ROLLUP_WATERMARK_KEY} FOR UPDATE`;
  const parsed = ZRollupWatermark.safeParse(row?.value);
  // An unreadable watermark would mean counting everything again: refuse rather than double count.
  if (!parsed.success) throw new Error(`The setting ${ROLLUP_WATERMARK_KEY} is malformed; fix or delete it.`);
  return parsed.data;
}

/**
 * The latest finishedAt this pass may take: `now - lag`, and before the oldest transaction still writing (a run's
 * finishing transaction can sit uncommitted behind a lock for longer than the lag; its finishedAt was stamped
 * before it began). The lag also absorbs clock skew between workers and the database.
 */
async function cutoffFor(tx: Prisma.TransactionClient, now: Date): Promise<Date> {
  const [writer] = await tx.$queryRaw<{ startedAt: string | null }[]>(oldestWriterStart(WRITER_WINDOW_MS));
  const bound = writer?.startedAt ? Math.min(now.getTime(), Date.parse(writer.startedAt)) : now.getTime();
  return new Date(bound - LATE_WRITER_LAG_MS);
}

/** Retention: deletes up to `limit` minute buckets older than 48 h. Returns how many it deleted. */
export async function pruneMinuteBuckets(db: TDb, options: { now?: Date; limit?: number } = {}): Promise<number> {
  const floor = new Date((options.now ?? new Date()).getTime() - MINUTE_RETENTION_MS);
  return db.$executeRaw(deleteOldMinuteBuckets(floor.toISOString(), options.limit ?? DEFAULT_PRUNE_LIMIT));
}

/** The stored watermark, for diagnostics and tests. */
export async function readRollupWatermark(db: TDb): Promise<TRollupWatermark> {
  const row = await db.systemSetting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY }, select: { value: true } });
  return row ? ZRollupWatermark.parse(row.value) : START;
}
