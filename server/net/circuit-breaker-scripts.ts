// Breaker transitions as Lua scripts: Redis runs each atomically, so two workers can never both take the half-open
// probe or both open the circuit. Time comes from Redis (TIME) so every worker reads the same clock.
// Keys: KEYS[1] state hash (state, failures, openedAt, nextProbeAt, probeToken, probeLeaseUntil, windowMs),
// KEYS[2] window hash (per-bucket counters "f:<bucketStart>" / "s:<bucketStart>"), KEYS[3] the set of breaker keys.

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * ARGV: member, token, probeLeaseMs, ttlMs, recheckMs → { isAllowed 0/1, state, retryAt }. While a probe is in flight
 * (half-open) a refused caller is told to come back after recheckMs (or when the probe's lease ends, if sooner): the
 * probe usually settles long before its lease, closing the circuit or opening it again.
 */
export const ADMIT_SCRIPT = `${NOW}
local state = redis.call('HGET', KEYS[1], 'state')
if (not state) or state == 'closed' then return {1, 'closed', 0} end
if state == 'open' then
  local nextProbeAt = tonumber(redis.call('HGET', KEYS[1], 'nextProbeAt') or '0')
  if now < nextProbeAt then return {0, 'open', nextProbeAt} end
else
  local leaseUntil = tonumber(redis.call('HGET', KEYS[1], 'probeLeaseUntil') or '0')
  if now < leaseUntil then return {0, 'half_open', math.min(leaseUntil, now + tonumber(ARGV[5]))} end
end
redis.call('HSET', KEYS[1], 'state', 'half_open', 'probeToken', ARGV[2], 'probeLeaseUntil', now + tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, 'half_open', 0}`;

/**
 * ARGV: member, outcome (success|failure), token, failureThreshold, windowMs, coolDownMs, rateThreshold (0 = off),
 * rateMinRequests, ttlMs → the state after recording.
 */
export const RECORD_SCRIPT = `${NOW}
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
local success = ARGV[2] == 'success'
local coolDown = tonumber(ARGV[6])
if state == 'open' then return 'open' end
if state == 'half_open' then
  -- Only the admitted probe decides; late results of calls admitted before the circuit opened are ignored.
  if ARGV[3] == '' or redis.call('HGET', KEYS[1], 'probeToken') ~= ARGV[3] then return 'half_open' end
  redis.call('HDEL', KEYS[1], 'probeToken', 'probeLeaseUntil')
  if success then
    redis.call('DEL', KEYS[2])
    redis.call('HDEL', KEYS[1], 'openedAt', 'nextProbeAt')
    redis.call('HSET', KEYS[1], 'state', 'closed', 'failures', 0)
    redis.call('PEXPIRE', KEYS[1], ARGV[9])
    return 'closed'
  end
  redis.call('HSET', KEYS[1], 'state', 'open', 'openedAt', now, 'nextProbeAt', now + coolDown)
  redis.call('PEXPIRE', KEYS[1], ARGV[9])
  return 'open'
end
local windowMs = tonumber(ARGV[5])
local bucketMs = math.max(1, math.floor(windowMs / 10))
local cutoff = now - windowMs
local flat = redis.call('HGETALL', KEYS[2])
local failures, total = 0, 0
for i = 1, #flat, 2 do
  local start = tonumber(string.sub(flat[i], 3))
  if start + bucketMs <= cutoff then
    redis.call('HDEL', KEYS[2], flat[i])
  else
    local n = tonumber(flat[i + 1])
    total = total + n
    if string.sub(flat[i], 1, 1) == 'f' then failures = failures + n end
  end
end
local bucket = now - (now % bucketMs)
redis.call('HINCRBY', KEYS[2], (success and 's:' or 'f:') .. bucket, 1)
redis.call('PEXPIRE', KEYS[2], windowMs + bucketMs)
total = total + 1
if not success then failures = failures + 1 end
if success then return 'closed' end
local rate = tonumber(ARGV[7])
local isRateTripped = rate > 0 and total >= tonumber(ARGV[8]) and failures / total >= rate
redis.call('SADD', KEYS[3], ARGV[1])
if failures >= tonumber(ARGV[4]) or isRateTripped then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'state', 'open', 'failures', failures, 'openedAt', now, 'nextProbeAt', now + coolDown, 'windowMs', windowMs)
  redis.call('PEXPIRE', KEYS[1], ARGV[9])
  return 'open'
end
redis.call('HSET', KEYS[1], 'state', 'closed', 'failures', failures, 'windowMs', windowMs)
redis.call('PEXPIRE', KEYS[1], ARGV[9])
return 'closed'`;

/** ARGV: token. A probe that ended without a verdict (cancelled, bad config) frees the slot for the next caller. */
export const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'state') == 'half_open' and redis.call('HGET', KEYS[1], 'probeToken') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'probeToken', 'probeLeaseUntil')
end
return 1`;
