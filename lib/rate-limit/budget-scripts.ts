// Lua run atomically inside Redis, so every worker process sharing an Intercom app (credential)
// draws from one budget per window. Time comes from Redis (TIME), not from the callers, so
// workers on machines with skewed clocks still agree on where a window ends.
//
// State, one hash per credential:  we = window end (ms) · used = calls granted in the window ·
// cap = calls allowed in the window (the limit, lowered by what Intercom's headers report) ·
// next = calls already charged to the window after it (granted near its end, see ACQUIRE).
// A learned limit (X-RateLimit-Limit below ours) lives beside it for an hour.

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// Rolls to a new window when the current one has ended, keeping the phase of the last
// window end (which corrections align with Intercom's own reset times).
const ROLL = `
local function effective_limit(configured)
  local learned = tonumber(redis.call('GET', KEYS[2]) or '')
  if learned and learned < configured then return learned end
  return configured
end
local function roll(now, configured, window)
  local we = tonumber(redis.call('HGET', KEYS[1], 'we') or '0')
  local next = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
  if now < we then
    return we, tonumber(redis.call('HGET', KEYS[1], 'used') or '0'), tonumber(redis.call('HGET', KEYS[1], 'cap') or '0'), next
  end
  local rolled
  if we > 0 and now - we < window * 6 then
    rolled = we + (math.floor((now - we) / window) + 1) * window
  else
    rolled = now + window
  end
  -- Calls charged to the window after the one that ended count in it, if it is the one starting now.
  if rolled ~= we + window then next = 0 end
  return rolled, next, effective_limit(configured), 0
end
local function save(now, we, used, cap, next, window)
  redis.call('HSET', KEYS[1], 'we', we, 'used', used, 'cap', cap, 'next', next)
  redis.call('PEXPIRE', KEYS[1], math.max(1, we - now) + window * 6)
end
`;

/**
 * KEYS: state, learned · ARGV: n, configured limit, window ms, edge ms →
 * {granted, waitMs, windowEnd, cap, used, usableUntil}.
 * A call granted now reaches Intercom a little later (our event loop, the network), and Intercom
 * counts it in the window under way when it arrives. In the last `edge` ms of a window a call may
 * land in either window, so it is charged to both: the next window starts with it already counted.
 * Calls granted earlier are only charged to this window, so they must be made before its edge.
 */
export const ACQUIRE_LUA = `${NOW}${ROLL}
local n = tonumber(ARGV[1])
local configured = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local edge = tonumber(ARGV[4])
local we, used, cap, next = roll(now, configured, window)
local granted = math.min(n, math.max(0, cap - used))
local usable_until = we - edge
if now >= usable_until then
  granted = math.min(granted, math.max(0, effective_limit(configured) - next))
  next = next + granted
  usable_until = we
end
used = used + granted
save(now, we, used, cap, next, window)
local wait = 0
if granted < n then wait = we - now end
return {granted, wait, we, cap, used, usable_until}
`;

/**
 * KEYS: state, learned · ARGV: limit, remaining, resetAt (ms), configured limit, window ms.
 * What Intercom reports wins when it is stricter: our remaining never exceeds its remaining, and
 * our window never ends before its window does (starting early would earn 429s).
 * A 429 is a correction with remaining = 0.
 */
export const CORRECT_LUA = `${NOW}${ROLL}
local limit = tonumber(ARGV[1])
local remaining = tonumber(ARGV[2])
local reset_at = tonumber(ARGV[3])
local configured = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
if reset_at <= now then return {0} end
if limit > 0 and limit < configured then redis.call('SET', KEYS[2], limit, 'PX', 3600000) end
local we, used, cap, next = roll(now, configured, window)
-- Adopt Intercom's window end when it is later than ours (starting early earns 429s), or earlier
-- by more than the header's rounding (whole seconds): then our phase is off, and keeping it would
-- leave calls waiting for our window after Intercom's has already begun.
if reset_at > we or reset_at < we - 1000 then
  if reset_at > we + window / 2 then
    -- It is already counting a window that we have not started: begin ours from its numbers.
    -- Calls charged to our next window may land in it.
    used = next
    next = 0
    cap = effective_limit(configured)
  end
  we = reset_at
end
cap = math.min(cap, used + remaining)
save(now, we, used, cap, next, window)
return {1, we, cap, used}
`;

/** KEYS: state → {windowEnd, cap, used, now} (zeros when no window is open). */
export const READ_LUA = `${NOW}
local we = tonumber(redis.call('HGET', KEYS[1], 'we') or '0')
if we <= now then return {0, 0, 0, now} end
return {we, tonumber(redis.call('HGET', KEYS[1], 'cap') or '0'), tonumber(redis.call('HGET', KEYS[1], 'used') or '0'), now}
`;

/** KEYS: state · ARGV: n, window end it was granted in → gives back unused calls of that window only. */
export const RELEASE_LUA = `
local we = tonumber(redis.call('HGET', KEYS[1], 'we') or '0')
if we ~= tonumber(ARGV[2]) then return 0 end
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
local n = math.min(used, tonumber(ARGV[1]))
redis.call('HSET', KEYS[1], 'used', used - n)
return n
`;
