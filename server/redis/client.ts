import { Redis } from "ioredis";
import { getEnv } from "../config/env";

export type TRedis = Redis;

/**
 * A new connection. BullMQ workers need `maxRetriesPerRequest: null`. `isAutoPipelined` sends the commands issued in
 * one event-loop turn in one write (the engine worker's shared connection, used by a hundred passes at once).
 * Connections that subscribe come from createSubscriber.
 */
export function createRedis(
  options: { isForWorker?: boolean; url?: string; isAutoPipelined?: boolean; isSubscriber?: boolean } = {},
): Redis {
  const redis = new Redis(options.url ?? getEnv().REDIS_URL, {
    enableAutoPipelining: options.isAutoPipelined ?? false,
    maxRetriesPerRequest: options.isForWorker ? null : 3,
    enableReadyCheck: !options.isSubscriber,
    lazyConnect: false,
  });
  // ioredis reconnects on its own; report an outage once per disconnection instead of a stack per retry.
  let isReported = false;
  redis.on("error", (err: Error) => {
    if (isReported) return;
    isReported = true;
    process.stderr.write(`Redis connection problem: ${err.message} (retrying)\n`);
  });
  redis.on("ready", () => {
    isReported = false;
  });
  return redis;
}

/**
 * A connection for SUBSCRIBE. It skips the ready check: a connection in subscriber mode refuses the INFO that check
 * sends on every (re)connect, and the check would race the first SUBSCRIBE.
 */
export function createSubscriber(options: { url?: string } = {}): Redis {
  return createRedis({ ...options, isSubscriber: true });
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
