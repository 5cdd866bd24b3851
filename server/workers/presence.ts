import type { Redis } from "ioredis";
import { redisKey } from "../redis/client";
import type { TWorkerRow } from "../settings/engine-status.shared";

// Each worker process announces itself in Redis with a short TTL; a worker that dies simply expires. Settings →
// Engine lists them as they announced themselves.
export type TWorkerPresence = TWorkerRow;

const TTL_SECONDS = 15;

export async function announceWorker(redis: Redis, presence: TWorkerPresence): Promise<void> {
  await redis.set(redisKey("workers", presence.id), JSON.stringify(presence), "EX", TTL_SECONDS);
}

export async function withdrawWorker(redis: Redis, id: string): Promise<void> {
  await redis.del(redisKey("workers", id));
}

/** Live workers, found by key pattern (few keys: one per worker process). */
export async function listWorkers(redis: Redis): Promise<TWorkerPresence[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", redisKey("workers", "*"), "COUNT", 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  const values = await redis.mget(keys);
  return values
    .filter((v): v is string => v !== null)
    .map((v) => JSON.parse(v) as TWorkerPresence)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export const PRESENCE_INTERVAL_MS = 5000;
