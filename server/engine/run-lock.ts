// One pass per run at a time, across all workers, and a fast take-over when a worker dies.
//
// - A run's lock names the worker holding it: runlock:<runId> = "<workerId> <token>", RUN_LOCK_TTL_MS.
// - Each worker process keeps an alive key, engine:alive:<workerId>, that expires WORKER_ALIVE_TTL_MS after its last
//   heartbeat. One heartbeat every HEARTBEAT_MS renews the alive key and every run lock the process holds in a single
//   round trip: nothing is added per step or per pass (a pass costs the acquire and the release, as before).
// - A lock is free when it has expired or when its worker's alive key has: that worker died (or stopped answering
//   for longer than the TTL), and the next pass takes the lock over. With BullMQ's stalled-job check (engine-worker.ts)
//   a run whose worker was killed is running again within about 6 s.
//
// Two passes over one run must never both write. A lock in Redis cannot guarantee that alone: a worker whose event
// loop stalls (a long GC, a swapped-out process, SIGSTOP) misses its heartbeats, is taken over, and resumes later
// still believing it holds the lock. So:
// 1. A heartbeat that finds the lock no longer its own (renewal returns 0) marks it lost and aborts the pass (its
//    steps are interrupted, and it writes nothing more).
// 2. Before each flush the writer asks the lock whether it is still held (writer.ts): free when the last renewal is
//    recent; after a stall (last renewal older than STALE_AFTER_MS) it renews first, one round trip only then, and a
//    lost lock throws LockLostError instead of writing. (If Redis cannot be reached the write goes ahead: 3. holds.)
// 3. Between that check and the commit the lock can still be lost, so the write itself is fenced in Postgres: each
//    flush names the run's flushSeq it read (or last wrote) and increments it in the same statement
//    (baton_fence_run); if another pass wrote in between, the statement fails with SQLSTATE BTN01 and writes nothing.
//    Whichever of two passes writes second is refused, so their writes never interleave; the refused pass stops and
//    the run goes on from what is in Postgres (a side effect it sent is sent again with the same Idempotency-Key).
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { TRedis } from "../redis/client";
import { redisKey } from "../redis/client";

export const HEARTBEAT_MS = 1000;
/** A worker whose heartbeat is this late counts as dead: its run locks may be taken over. */
export const WORKER_ALIVE_TTL_MS = 4000;
/** A lock left behind by a live worker (a release that failed) lapses after this. */
export const RUN_LOCK_TTL_MS = 10_000;
/** A lock renewed longer ago than this may have been taken over: it is renewed before the next write. */
const STALE_AFTER_MS = 2 * HEARTBEAT_MS;

export const runLockKey = (runId: string) => redisKey("runlock", runId);
const aliveKeyPrefix = () => redisKey("engine", "alive", "");

/** The pass lost its run lock (taken over after a stall): it must stop and write nothing. */
export class LockLostError extends Error {
  constructor(runId: string) {
    super(`The pass over run ${runId} lost its lock to another pass and stopped without writing.`);
  }
}

/** SQLSTATE of baton_fence_run: another pass wrote the run since this pass read it. */
export const FENCE_SQLSTATE = "BTN01";

export function isLockLost(error: unknown): boolean {
  return error instanceof LockLostError || (typeof error === "object" && error !== null && (error as { code?: unknown }).code === FENCE_SQLSTATE);
}

// KEYS[1] the lock, KEYS[2] this worker's alive key (renewed: a worker acquiring a lock is alive); ARGV: value, lock
// ttl, alive-key prefix, worker id, alive ttl. 1: acquired; 0: held by a live pass; otherwise the dead worker whose
// lock was taken over.
const ACQUIRE = `
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
local holder = string.match(redis.call('GET', KEYS[1]) or '', '^(%S+) ')
if holder and redis.call('EXISTS', ARGV[3] .. holder) == 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return holder
end
return 0`;

// KEYS[1] the alive key, KEYS[2..] locks; ARGV: worker id, alive ttl, lock ttl, then each lock's value. Returns 1
// per lock still held (and renewed), 0 per lock lost.
const HEARTBEAT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local held = {}
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i + 2] then
    redis.call('PEXPIRE', KEYS[i], ARGV[3])
    held[i - 1] = 1
  else
    held[i - 1] = 0
  end
end
return held`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export type TRunLock = {
  readonly isLost: boolean;
  /** Throws LockLostError when the lock is lost; renews it first when its last renewal is stale (see above). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
};

export type TRunLocks = {
  readonly workerId: string;
  /** null: another live pass holds the run. `onLost` runs once when a heartbeat finds the lock taken. */
  acquire(runId: string, onLost: () => void): Promise<(TRunLock & { tookOverFrom: string | null }) | null>;
  /** Stops the heartbeat and removes the alive key (call once the worker's passes have ended). */
  close(): Promise<void>;
};

type THeld = { runId: string; key: string; value: string; renewedAt: number; isLost: boolean; onLost: () => void };

/** One per worker process: its alive key and the heartbeat of every run lock it holds. */
export async function startRunLocks(redis: TRedis, workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`): Promise<TRunLocks> {
  const id = workerId.replace(/\s+/g, "-");
  const aliveKey = `${aliveKeyPrefix()}${id}`;
  const held = new Map<string, THeld>();
  let beating: Promise<void> | null = null;

  const renew = async (locks: THeld[]): Promise<void> => {
    const sentAt = Date.now();
    const result = (await redis.eval(
      HEARTBEAT,
      1 + locks.length,
      aliveKey,
      ...locks.map((l) => l.key),
      id,
      WORKER_ALIVE_TTL_MS,
      RUN_LOCK_TTL_MS,
      ...locks.map((l) => l.value),
    )) as number[];
    locks.forEach((lock, i) => {
      if (result[i] === 1) lock.renewedAt = Math.max(lock.renewedAt, sentAt);
      // A lock released while this heartbeat was on its way is gone, not lost.
      else if (!lock.isLost && held.has(lock.value)) {
        lock.isLost = true;
        lock.onLost();
      }
    });
  };
  const beat = () => {
    if (beating) return;
    // A failed heartbeat (Redis unreachable) renews nothing: the locks go stale and are checked before any write.
    beating = renew([...held.values()].filter((l) => !l.isLost))
      .catch(() => undefined)
      .finally(() => (beating = null));
  };
  await renew([]);
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();

  return {
    workerId: id,
    async acquire(runId, onLost) {
      const key = runLockKey(runId);
      const value = `${id} ${randomUUID()}`;
      const acquiredAt = Date.now();
      const result = (await redis.eval(ACQUIRE, 2, key, aliveKey, value, RUN_LOCK_TTL_MS, aliveKeyPrefix(), id, WORKER_ALIVE_TTL_MS)) as number | string;
      if (result === 0) return null;
      const lock: THeld = { runId, key, value, renewedAt: acquiredAt, isLost: false, onLost };
      held.set(value, lock);
      return {
        tookOverFrom: typeof result === "string" ? result : null,
        get isLost() {
          return lock.isLost;
        },
        async assertHeld() {
          // Redis unreachable: the write goes ahead, fenced in Postgres all the same (3. above).
          if (!lock.isLost && Date.now() - lock.renewedAt > STALE_AFTER_MS) await renew([lock]).catch(() => undefined);
          if (lock.isLost) throw new LockLostError(runId);
        },
        async release() {
          held.delete(value);
          await redis.eval(RELEASE, 1, key, value).catch(() => undefined);
        },
      };
    },
    async close() {
      clearInterval(timer);
      await beating;
      await redis.del(aliveKey).catch(() => undefined);
    },
  };
}

/** For each run: is it held by a live pass? (A lock of a dead worker counts as free; see above.) */
export async function isRunLocked(redis: TRedis, runIds: string[]): Promise<boolean[]> {
  if (runIds.length === 0) return [];
  const values = await redis.mget(runIds.map(runLockKey));
  const holders = [...new Set(values.flatMap((v) => (v?.includes(" ") ? [v.split(" ")[0]!] : [])))];
  const alive = holders.length === 0 ? [] : await redis.mget(holders.map((h) => `${aliveKeyPrefix()}${h}`));
  const isAlive = new Map(holders.map((h, i) => [h, alive[i] !== null]));
  return values.map((v) => v !== null && (!v.includes(" ") || isAlive.get(v.split(" ")[0]!) === true));
}
