import { randomUUID } from "node:crypto";
import type { TRedis } from "../redis/client";
import { redisKey } from "../redis/client";

// One pass per run at a time, across all workers. The lock expires by itself if its worker dies, which is how the
// reconciler tells an abandoned run from a busy one.
const TTL_MS = 30_000;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export const runLockKey = (runId: string) => redisKey("runlock", runId);

export type TRunLock = { release(): Promise<void> };

export async function acquireRunLock(redis: TRedis, runId: string): Promise<TRunLock | null> {
  const token = randomUUID();
  const key = runLockKey(runId);
  const ok = await redis.set(key, token, "PX", TTL_MS, "NX");
  if (ok !== "OK") return null;
  const renew = setInterval(() => void redis.eval(RENEW, 1, key, token, TTL_MS).catch(() => undefined), TTL_MS / 3);
  renew.unref();
  return {
    async release() {
      clearInterval(renew);
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    },
  };
}

export async function isRunLocked(redis: TRedis, runIds: string[]): Promise<boolean[]> {
  if (runIds.length === 0) return [];
  const values = await redis.mget(runIds.map(runLockKey));
  return values.map((v) => v !== null);
}
