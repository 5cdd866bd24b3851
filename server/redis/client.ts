import { Redis } from "ioredis";
import { getEnv } from "../config/env";

export type TRedis = Redis;

/** A new connection. BullMQ workers need `maxRetriesPerRequest: null`. */
export function createRedis(options: { isForWorker?: boolean; url?: string } = {}): Redis {
  return new Redis(options.url ?? getEnv().REDIS_URL, {
    maxRetriesPerRequest: options.isForWorker ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

const globalForRedis = globalThis as unknown as { batonRedis?: Redis };

/** The shared command connection of this process. */
export function getRedis(): Redis {
  globalForRedis.batonRedis ??= createRedis();
  return globalForRedis.batonRedis;
}

/** Every Baton key lives under the configured prefix so tests and instances never collide. */
export function redisKey(...parts: string[]): string {
  return [getEnv().REDIS_PREFIX, ...parts].join(":");
}
