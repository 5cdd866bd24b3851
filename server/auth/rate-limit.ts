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

export async function peek(redis: Redis, limit: Pick<TRateLimit, "key">): Promise<{ count: number; ttl: number }> {
  const key = redisKey("ratelimit", limit.key);
  const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
  return { count: Number(count ?? 0), ttl };
}

export async function reset(redis: Redis, limit: Pick<TRateLimit, "key">): Promise<void> {
  await redis.del(redisKey("ratelimit", limit.key));
}

/**
 * Exponential back-off for one key (in sign-in: one account from one address). The first `free` failures cost
 * nothing; failure number n ≥ free makes the next attempt wait min(2^(n-free+1), maxDelay) seconds. The counter
 * is forgotten `memorySeconds` after the delay imposed by the last failure ends (delay + memory after that failure):
 * never when the delay ends, which would hand out `free` new guesses every time a delay ran out.
 */
export type TBackoff = { key: string; free: number; maxDelaySeconds: number; memorySeconds: number };

const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Refuses while a delay runs (returns the milliseconds left). Otherwise, in the delay regime, it claims the slot:
// concurrent attempts are refused until this one is settled, so parallel requests cannot skip the delay.
const BACKOFF_GATE = `
local free = tonumber(ARGV[1])
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f < free then return 0 end
${NOW_MS}
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if now < nextAt then return nextAt - now end
redis.call('HSET', KEYS[1], 'next', now + math.min(2 ^ (f - free + 1), tonumber(ARGV[2])) * 1000)
return 0`;

const BACKOFF_FAIL = `
local free = tonumber(ARGV[1])
local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
local delay = 0
if f >= free then
  ${NOW_MS}
  delay = math.min(2 ^ (f - free + 1), tonumber(ARGV[2]))
  redis.call('HSET', KEYS[1], 'next', now + delay * 1000)
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]) + delay)
return { f, delay }`;

const backoffKey = (b: Pick<TBackoff, "key">) => redisKey("backoff", b.key);

/** Milliseconds until the next attempt is allowed (0: go ahead). */
export async function backoffWait(redis: Redis, b: TBackoff): Promise<number> {
  return Number(await redis.eval(BACKOFF_GATE, 1, backoffKey(b), b.free, b.maxDelaySeconds));
}

/** Records a failure; returns the failure count and the delay (seconds) it imposes on the next attempt. */
export async function backoffFail(redis: Redis, b: TBackoff): Promise<{ failures: number; delaySeconds: number }> {
  const [failures, delaySeconds] = (await redis.eval(
    BACKOFF_FAIL,
    1,
    backoffKey(b),
    b.free,
    b.maxDelaySeconds,
    b.memorySeconds,
  )) as [number, number];
  return { failures, delaySeconds };
}

export async function backoffReset(redis: Redis, b: Pick<TBackoff, "key">): Promise<void> {
  await redis.del(backoffKey(b));
}

/**
 * A cap with a lock: every `max` failures within `windowSeconds` lock the key for `lockSeconds`.
 * Returns true exactly once per lock (when this failure started it), so the caller can alert once.
 */
export type TFailureCap = { key: string; max: number; windowSeconds: number; lockSeconds: number };

const CAP_FAIL = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then return 1 end
end
return 0`;

const capKeys = (c: Pick<TFailureCap, "key">) => [redisKey("capcount", c.key), redisKey("caplock", c.key)] as const;

export async function capFail(redis: Redis, c: TFailureCap): Promise<boolean> {
  const [count, lock] = capKeys(c);
  return Number(await redis.eval(CAP_FAIL, 2, count, lock, c.max, c.windowSeconds, c.lockSeconds)) === 1;
}

/** Seconds the lock still holds (0: not locked). */
export async function capLockedFor(redis: Redis, c: Pick<TFailureCap, "key">): Promise<number> {
  const ttl = await redis.ttl(capKeys(c)[1]);
  return ttl > 0 ? ttl : 0;
}

/**
 * Addresses (address buckets) from which one account signed in successfully, each remembered for `ttlSeconds` after
 * its latest sign-in there, at most `max` per account (the oldest are dropped). A sorted set scored by expiry time.
 */
export type TKnownAddresses = { key: string; ttlSeconds: number; max: number };

const KNOWN_REMEMBER = `
${NOW_MS}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]) * 1000, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if extra > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, extra - 1) end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 0`;

const KNOWN_CHECK = `
local expiresAt = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiresAt then return 0 end
${NOW_MS}
if tonumber(expiresAt) > now then return 1 end
return 0`;

const knownKey = (k: Pick<TKnownAddresses, "key">) => redisKey("known", k.key);

export async function rememberAddress(redis: Redis, k: TKnownAddresses, address: string): Promise<void> {
  await redis.eval(KNOWN_REMEMBER, 1, knownKey(k), address, k.ttlSeconds, k.max);
}

export async function isKnownAddress(redis: Redis, k: Pick<TKnownAddresses, "key">, address: string): Promise<boolean> {
  return Number(await redis.eval(KNOWN_CHECK, 1, knownKey(k), address)) === 1;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
const minutes = (seconds: number) => plural(Math.max(1, Math.ceil(seconds / 60)), "minute");

export type TSignInRefusal = "ip_attempts" | "ip_failures" | "account_ip_delay" | "account_locked";

/** The message a person sees when a sign-in is refused before the password is checked. */
export function tooManyAttempts(reason: TSignInRefusal, waitSeconds: number): AppError {
  const wait = Math.max(1, Math.ceil(waitSeconds));
  const message = {
    ip_attempts: `Too many sign-in attempts from your address. Try again in ${minutes(wait)}.`,
    ip_failures: `Too many failed sign-ins from your address. Try again in ${minutes(wait)}.`,
    account_ip_delay: `Too many failed sign-ins for this account from your address. Try again in ${plural(wait, "second")}.`,
    account_locked: `This account is temporarily locked after too many failed sign-ins. Try again in ${minutes(wait)}.`,
  }[reason];
  return new AppError("RATE_LIMITED", message, { retryAfterSeconds: wait, details: { reason } });
}
