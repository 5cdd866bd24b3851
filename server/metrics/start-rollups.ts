// The rollup job: every `everyMs`, in one worker at a time, rolls finished runs up into MetricBucket and prunes old
// minute buckets. Leadership is a short Redis lease that its holder renews each tick, so it stays with one worker
// while that worker lives and passes to another within a lease when it dies. The lease only saves work:
// exactness comes from the database (rollup.ts locks the watermark row), so an overlap can never double count.
import { randomUUID } from "node:crypto";
import type { TDb } from "../db/client";
import type { TLogger } from "../log";
import { redisKey, type TRedis } from "../redis/client";
import { pruneMinuteBuckets, rollupRuns } from "./rollup";

// Takes the lease if free, or renews it if this holder has it. Returns 1 when the caller holds the lease.
const ACQUIRE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
if redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

export const rollupLeaseKey = () => redisKey("metrics", "rollup");

export type TRollupJob = { stop(): Promise<void> };

export function startRollups(deps: { db: TDb; redis: TRedis; log: TLogger }, everyMs = 10_000): TRollupJob {
  const { db, redis, log } = deps;
  const token = randomUUID();
  const key = rollupLeaseKey();
  const leaseMs = Math.max(3 * everyMs, 5_000);
  const stopping = new AbortController();
  let inFlight: Promise<void> | null = null;

  const tick = async () => {
    const held = await redis.eval(ACQUIRE, 1, key, token, String(leaseMs));
    if (held !== 1) return;
    const started = Date.now();
    const result = await rollupRuns(db, { signal: stopping.signal });
    const pruned = stopping.signal.aborted ? 0 : await pruneMinuteBuckets(db);
    if (result.runs > 0 || pruned > 0) {
      log.info(
        {
          runs: result.runs,
          bucketWrites: result.bucketWrites,
          pruned,
          isCaughtUp: result.isCaughtUp,
          ms: Date.now() - started,
        },
        "metric rollup",
      );
    }
  };

  const timer = setInterval(() => {
    // A slow tick (a large backlog) is not overlapped by the next one.
    if (inFlight || stopping.signal.aborted) return;
    inFlight = tick()
      .catch((err: unknown) => log.warn({ err }, "metric rollup failed; retried next tick"))
      .finally(() => {
        inFlight = null;
      });
  }, everyMs);
  timer.unref();

  return {
    /** Ends after the batch in progress (one short transaction) and gives up the lease. */
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await inFlight;
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    },
  };
}
