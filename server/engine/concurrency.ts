import type { TRedis } from "../redis/client";
import { redisKey } from "../redis/client";

// A workflow's concurrency limit, enforced across workers with a Redis sorted set of executing runs (score = lease
// expiry). A run holds a slot while it executes, not while it waits; a dead worker's slots lapse with their lease.
const LEASE_MS = 120_000;

const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ${LEASE_MS})
return 1`;

const slotsKey = (workflowId: string) => redisKey("wf-running", workflowId);

export async function acquireRunSlot(redis: TRedis, workflowId: string, runId: string, limit: number): Promise<boolean> {
  const now = Date.now();
  const ok = await redis.eval(ACQUIRE, 1, slotsKey(workflowId), now, limit, runId, now + LEASE_MS);
  return ok === 1;
}

export async function releaseRunSlot(redis: TRedis, workflowId: string, runId: string): Promise<void> {
  await redis.zrem(slotsKey(workflowId), runId);
}

export async function countRunSlots(redis: TRedis, workflowId: string): Promise<number> {
  await redis.zremrangebyscore(slotsKey(workflowId), "-inf", Date.now());
  return redis.zcard(slotsKey(workflowId));
}
