package dev.cachify.store.redis;

import dev.cachify.store.ExpiringGet.TimedValue;
import io.vertx.redis.client.Response;

import java.time.Duration;

/**
 * {@code GET} and {@code PTTL} of one key in one script, so the TTL is the one of the value read
 * (a write between two separate commands could pair a value with its successor's TTL).
 */
final class RedisValueWithTtl {

  /** Answers nil when the key is absent, else {value, pttl}; pttl is -1 for "no expiry". */
  static final LuaScript SCRIPT = new LuaScript("""
    local value = redis.call('GET', KEYS[1])
    if not value then
      return false
    end
    return {value, redis.call('PTTL', KEYS[1])}
    """);

  private RedisValueWithTtl() {
  }

  static TimedValue parse(Response reply) {
    if (reply == null || reply.size() < 2) {
      return null;
    }
    long pttl = reply.get(1).toLong();
    // -1: no expiry. 0 or less otherwise: it expired as it was read, so keep it no time at all.
    Duration ttl = pttl == -1 ? null : Duration.ofMillis(Math.max(0, pttl));
    return new TimedValue(reply.get(0).toBuffer(), ttl);
  }
}
