// The Lua run inside Redis. Each script is one atomic step: no other client's command runs between
// its reads and its writes, which is what makes the fencing check and the write one indivisible act.
//
// A lease is two keys per resource (a shard, or a client id's node sessions):
//   lease:<resource>  "<token>|<owner>", expiring after the lease time (PX)
//   fence:<resource>  the last token handed out, an integer that only grows (INCR)
// An owner still holds its lease while the fence equals its token: nobody took the resource since,
// even if the lease key itself expired during a pause (then the owner re-takes it, see `hold`). Once
// another process has taken it, the fence is higher and every write of the old owner is refused.

/** Lua helper shared by the renew and write scripts: checks one lease and extends it. */
const HOLD = `
local function hold(lease, fence, token, value, ttl)
  local last = redis.call('GET', fence)
  if last == false then
    -- The fence is gone only when Redis lost its data (a restart without persistence): nobody
    -- took the resource since, so the owner keeps it and the fence resumes from its token.
    redis.call('SET', fence, token)
  elseif last ~= token then
    return false
  end
  local current = redis.call('GET', lease)
  if current and current ~= value then return false end
  redis.call('SET', lease, value, 'PX', ttl)
  return true
end
`;

/**
 * Takes a free lease. KEYS: lease, fence. ARGV: owner, ttl (ms).
 * Returns `{1, token}` when taken, `{0, holder, pttl}` when someone holds it.
 */
export const ACQUIRE = `
local held = redis.call('GET', KEYS[1])
if held then return {0, held, redis.call('PTTL', KEYS[1])} end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token .. '|' .. ARGV[1], 'PX', ARGV[2])
return {1, token}
`;

/**
 * Extends leases still held. KEYS: lease1, fence1, lease2, fence2, …
 * ARGV: ttl, token1, value1, token2, value2, … Returns one 1 (held) or 0 (lost) per lease.
 */
export const RENEW = `${HOLD}
local result = {}
for i = 1, #KEYS / 2 do
  result[i] = hold(KEYS[2 * i - 1], KEYS[2 * i], ARGV[2 * i], ARGV[2 * i + 1], ARGV[1]) and 1 or 0
end
return result
`;

/**
 * Applies a batch of changes after checking every lease it depends on, all or nothing.
 * KEYS: players hash, nodes hash, then lease1, fence1, lease2, fence2, …
 * ARGV: ttl, lease count n, token1, value1, …, tokenN, valueN, then per change: kind ("p" or "n"),
 * field, JSON ("" deletes). Returns 0 when applied, else the 1-based index of the first lost lease.
 */
export const WRITE = `${HOLD}
local ttl = ARGV[1]
local n = tonumber(ARGV[2])
for i = 1, n do
  if not hold(KEYS[2 + 2 * i - 1], KEYS[2 + 2 * i], ARGV[2 + 2 * i - 1], ARGV[2 + 2 * i], ttl) then
    return i
  end
end
for i = 3 + 2 * n, #ARGV, 3 do
  local hash = KEYS[2]
  if ARGV[i] == 'p' then hash = KEYS[1] end
  if ARGV[i + 2] == '' then
    redis.call('HDEL', hash, ARGV[i + 1])
  else
    redis.call('HSET', hash, ARGV[i + 1], ARGV[i + 2])
  end
end
return 0
`;

/** Drops a lease this owner holds (the fence stays, so tokens keep growing). KEYS: lease. ARGV: value. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
`;
