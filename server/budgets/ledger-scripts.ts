// The budget ledger's Redis side, one Lua script per operation so each is atomic across every budget it touches.
//
// Per budget and period: a hash `<prefix>:budget:<id>:<period start ms>` with
//   spent       settled cost in 10⁻⁸ USD (initialised from Postgres, see ledger-sync.ts; absent until then),
//   initSeq     the highest ledger row seq that initialisation summed (a row at or below it is in spent already),
//   reserved    the sum of the live reservations' amounts,
//   r:<id>      one live reservation's amount,
//   alert:warn / alert:full   set once a reservation took the budget across that threshold this period,
// and a sorted set `…:exp` of reservation ids by expiry (ms). A reservation past its expiry is purged by the next
// script that touches the budget, so a crashed worker cannot hold money for longer than its ttl.
//
// Amounts travel as decimal integer strings and Redis adds them (HINCRBY, exact in 64 bits). Only the comparisons
// against the amount use Lua numbers (doubles): exact up to 2⁵³ units ($90,071,992.54), and off by less than a
// millionth of a dollar above that.

const HELPERS = `
local function add(h, f, v) if v ~= '0' then redis.call('HINCRBY', h, f, v) end end
local function neg(v) if v == '0' then return '0' end return '-' .. v end
local function drop(h, z, rid)
  local amt = redis.call('HGET', h, 'r:' .. rid)
  if amt then
    add(h, 'reserved', neg(amt))
    redis.call('HDEL', h, 'r:' .. rid)
  end
  redis.call('ZREM', z, rid)
end
local function purge(h, z, now)
  local expired = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, rid in ipairs(expired) do drop(h, z, rid) end
end
`;

/**
 * KEYS: per budget its hash then its expiry set. ARGV: now (ms), reservation id, cost (units), expires at (ms),
 * force ("1"/"0"), then per budget: amount (units), warning threshold (units), keep-until (ms, the keys' expiry).
 * Returns {"missing", i…} when budgets (1-based) have no spent yet; else {"ok" | "exceeded", then per budget: spent,
 * reserved (both before this call, the same reservation id's earlier hold not counted), exceeded, crossed warning,
 * crossed 100 % ("1"/"0")}. Reserves on every budget or on none.
 */
export const RESERVE_SCRIPT = `${HELPERS}
local n = #KEYS / 2
local now, id, cost, expiresAt, force = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5] == '1'
local missing = {}
for i = 1, n do
  if redis.call('HEXISTS', KEYS[2 * i - 1], 'spent') == 0 then missing[#missing + 1] = i end
end
if #missing > 0 then return {'missing', unpack(missing)} end
local spent, reserved, over = {}, {}, {}
local isExceeded = false
for i = 1, n do
  local h, z = KEYS[2 * i - 1], KEYS[2 * i]
  purge(h, z, now)
  drop(h, z, id)
  spent[i] = redis.call('HGET', h, 'spent')
  reserved[i] = redis.call('HGET', h, 'reserved') or '0'
  local amount = tonumber(ARGV[5 + 3 * (i - 1) + 1])
  over[i] = tonumber(spent[i]) + tonumber(reserved[i]) + tonumber(cost) > amount
  if over[i] then isExceeded = true end
end
local isReserving = force or not isExceeded
local out = {isExceeded and 'exceeded' or 'ok'}
for i = 1, n do
  local h, z = KEYS[2 * i - 1], KEYS[2 * i]
  local base = 5 + 3 * (i - 1)
  local amount, warn, keep = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), ARGV[base + 3]
  local crossedWarn, crossedFull = '0', '0'
  if isReserving then
    redis.call('HSET', h, 'r:' .. id, cost)
    add(h, 'reserved', cost)
    redis.call('ZADD', z, expiresAt, id)
    redis.call('PEXPIREAT', h, keep)
    redis.call('PEXPIREAT', z, keep)
    local after = tonumber(spent[i]) + tonumber(reserved[i]) + tonumber(cost)
    if after >= warn and redis.call('HSETNX', h, 'alert:warn', '1') == 1 then crossedWarn = '1' end
    if after >= amount and redis.call('HSETNX', h, 'alert:full', '1') == 1 then crossedFull = '1' end
  end
  out[#out + 1] = spent[i]
  out[#out + 1] = reserved[i]
  out[#out + 1] = over[i] and '1' or '0'
  out[#out + 1] = crossedWarn
  out[#out + 1] = crossedFull
end
return out
`;

/**
 * Replaces a reservation by its actual cost (settle) or drops it (release, with no spend keys). KEYS: first ARGV[3]
 * hashes whose spent gains the cost (the covering budgets' current periods), then pairs of hash and expiry set the
 * reservation may be held in. ARGV: reservation id, cost (units), count of spend keys, the seq of the ledger row this
 * settlement wrote ("0" when it wrote none: a repeated settle adds nothing). A hash without spent is left alone (it is
 * initialised from Postgres, which has the row), and so is one whose initialisation already summed the row (seq at or
 * below its initSeq): see ledger-sync.ts.
 */
export const SETTLE_SCRIPT = `${HELPERS}
local id, cost, m, seq = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
for i = 1, m do
  if seq > 0 and redis.call('HEXISTS', KEYS[i], 'spent') == 1 and seq > tonumber(redis.call('HGET', KEYS[i], 'initSeq') or '0') then
    add(KEYS[i], 'spent', cost)
  end
end
for j = m + 1, #KEYS, 2 do drop(KEYS[j], KEYS[j + 1], id) end
return 1
`;

/** KEYS: pairs of hash and expiry set. ARGV: now (ms). Purges expired reservations; returns per budget {spent or "", reserved}. */
export const STATUS_SCRIPT = `${HELPERS}
local out = {}
for j = 1, #KEYS, 2 do
  purge(KEYS[j], KEYS[j + 1], ARGV[1])
  out[#out + 1] = redis.call('HGET', KEYS[j], 'spent') or ''
  out[#out + 1] = redis.call('HGET', KEYS[j], 'reserved') or '0'
end
return out
`;
