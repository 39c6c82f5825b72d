package dev.cachify.store.redis;

/**
 * The Lua scripts of the Redis store. Each touches one key ({@code KEYS[1]}), or a lock and its
 * fence counter in one hash slot, so each is atomic and single-slot on Redis Cluster. Requires Redis 5 or later (scripts replicate their effects, so they
 * may write after reading {@code TIME}).
 *
 * <p>A pool is a sorted set: member = slot token, score = the slot's expiry in Unix milliseconds
 * from the server's clock ({@code +inf} = never). Expired members are dropped on every touch, and
 * the key's own expiry follows its latest slot, so an abandoned pool disappears by itself.
 */
final class RedisScripts {

  private RedisScripts() {
  }

  /**
   * Takes a lock and draws its fencing token: {@code KEYS[1]} = the lock, {@code KEYS[2]} = its
   * fence counter (same hash slot, kept a day after the last acquisition), {@code ARGV[1]} = token, {@code ARGV[2]} = ttl in ms
   * or empty for none. Answers the fence, one more than the last and at least the server's clock
   * in microseconds (so it keeps growing if the counter was lost), or nil when the lock is held.
   */
  static final LuaScript ACQUIRE_LOCK = new LuaScript("""
    local taken
    if ARGV[2] == '' then
      taken = redis.call('SET', KEYS[1], ARGV[1], 'NX')
    else
      taken = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
    end
    if not taken then
      return false
    end
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
    -- GET and one SET .. PX rather than INCR, SET and PEXPIRE: the script is atomic and runs only
    -- for the one acquirer of a free lock, so a read-then-write draws strictly increasing fences.
    -- Lua numbers are doubles: exact up to 2^53, and the clock in us is about 2^51.
    local fence = (tonumber(redis.call('GET', KEYS[2])) or 0) + 1
    if fence < now then
      fence = now
    end
    -- A day after the key's last acquisition the counter may go: fences never fall below the
    -- clock, so the next one is still higher, and idle keys leave nothing behind.
    redis.call('SET', KEYS[2], string.format('%.0f', fence), 'PX', 86400000)
    return fence
    """);

  /**
   * Compare-and-delete: {@code ARGV[1]} = token. Answers 1 when deleted, else 0. A release is
   * announced on {@code cachify:released:<key>} so that waiters wake (see RedisReleaseWatch).
   */
  static final LuaScript RELEASE_LOCK = new LuaScript("""
    -- pcall: a key of another type is simply not our lock
    if redis.pcall('GET', KEYS[1]) == ARGV[1] then
      redis.call('DEL', KEYS[1])
      redis.call('PUBLISH', 'cachify:released:' .. KEYS[1], '1')
      return 1
    end
    return 0
    """);

  /**
   * Compare-and-expire: {@code ARGV[1]} = token, {@code ARGV[2]} = ttl in ms, or empty for no
   * expiry ({@code PERSIST}). Answers 1 when the owner's lock was updated, else 0.
   */
  static final LuaScript EXTEND_LOCK = new LuaScript("""
    if redis.pcall('GET', KEYS[1]) ~= ARGV[1] then
      return 0
    end
    if ARGV[2] == '' then
      redis.call('PERSIST', KEYS[1])
    else
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
    end
    return 1
    """);

  /**
   * Compare-and-set of a value: {@code ARGV[1]} = the bytes expected, {@code ARGV[2]} = the new
   * value, {@code ARGV[3]} = ttl in ms or empty for none. Answers 1 when it stored, else 0. (An
   * absent key is expected with {@code SET NX}, no script.)
   */
  static final LuaScript REPLACE_VALUE = new LuaScript("""
    -- pcall: a key of another type holds no value, so it never equals the bytes expected
    if redis.pcall('GET', KEYS[1]) ~= ARGV[1] then
      return 0
    end
    if ARGV[3] == '' then
      redis.call('SET', KEYS[1], ARGV[2])
    else
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
    end
    return 1
    """);

  /** Helpers shared by the pool scripts: the server's clock and the key's expiry. */
  private static final String POOL_PRELUDE = """
    local function now_ms()
      local t = redis.call('TIME')
      return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    -- Only a sorted set (or nothing) is a pool; any other key answers "no slot", never an error.
    local function is_pool(key)
      local kind = redis.call('TYPE', key).ok
      return kind == 'zset' or kind == 'none'
    end
    local function drop_expired(key, now)
      redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', now))
    end
    -- The key lives exactly as long as its latest slot: nothing leaks, nothing is cut short.
    local function fit_expiry(key)
      local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
      if #last == 0 then
        return
      end
      if last[2] == 'inf' or tonumber(last[2]) == math.huge then
        redis.call('PERSIST', key)
      else
        redis.call('PEXPIREAT', key, string.format('%.0f', tonumber(last[2])))
      end
    end
    """;

  /**
   * Takes a slot: {@code ARGV[1]} = token, {@code ARGV[2]} = max size, {@code ARGV[3]} = slot ttl
   * in ms or empty for none. A token that already holds a slot gets it back with the new expiry.
   * Answers the token, or nil when the pool is full.
   */
  static final LuaScript ACQUIRE_SLOT = new LuaScript(POOL_PRELUDE + """
    local key, token = KEYS[1], ARGV[1]
    if not is_pool(key) then
      return false
    end
    local now = now_ms()
    drop_expired(key, now)
    if not redis.call('ZSCORE', key, token) and redis.call('ZCARD', key) >= tonumber(ARGV[2]) then
      return false
    end
    local expiry = '+inf'
    if ARGV[3] ~= '' then
      expiry = string.format('%.0f', now + tonumber(ARGV[3]))
    end
    redis.call('ZADD', key, expiry, token)
    fit_expiry(key)
    return token
    """);

  /** Frees a live slot: {@code ARGV[1]} = slot id. Answers 1 when it was held, else 0. */
  static final LuaScript RELEASE_SLOT = new LuaScript(POOL_PRELUDE + """
    local key = KEYS[1]
    if redis.call('TYPE', key).ok ~= 'zset' then
      return 0
    end
    drop_expired(key, now_ms())
    local removed = redis.call('ZREM', key, ARGV[1])
    if removed == 1 then
      fit_expiry(key)
    end
    return removed
    """);

  /** Counts live slots after dropping expired ones. */
  static final LuaScript POOL_SIZE = new LuaScript(POOL_PRELUDE + """
    local key = KEYS[1]
    if redis.call('TYPE', key).ok ~= 'zset' then
      return 0
    end
    drop_expired(key, now_ms())
    return redis.call('ZCARD', key)
    """);
}
