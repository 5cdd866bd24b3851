import type { Redis } from "ioredis";
import { AppError } from "../errors";
import { redisKey } from "../redis/client";

export type TRateLimit = { key: string; max: number; windowSeconds: number };

// Fixed window counter: INCR, and set the expiry only when the window opens.
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('TTL', KEYS[1]) }`;

export async function hit(redis: Redis, limit: TRateLimit): Promise<{ count: number; ttl: number }> {
  const [count, ttl] = (await redis.eval(HIT, 1, redisKey("ratelimit", limit.key), limit.windowSeconds)) as [
    number,
    number,
  ];
  return { count, ttl };
}

export async function peek(redis: Redis, limit: TRateLimit): Promise<{ count: number; ttl: number }> {
  const key = redisKey("ratelimit", limit.key);
  const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
  return { count: Number(count ?? 0), ttl };
}

export async function reset(redis: Redis, limit: Pick<TRateLimit, "key">): Promise<void> {
  await redis.del(redisKey("ratelimit", limit.key));
}

export function tooManyAttempts(ttlSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(ttlSeconds / 60));
  return new AppError(
    "RATE_LIMITED",
    `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds: ttlSeconds },
  );
}
