package dev.cachify.bus;

import java.util.List;

/**
 * The event-bus addresses of {@link CachifyVerticle}. Each takes a JSON object and answers a JSON
 * object, or fails with one of {@link CachifyFailures}' codes. Keys are given without the node's
 * prefix, as {@code Cachify.entry/lock/pool} take them. Durations are whole milliseconds
 * (lifetimes 1 ms to 30 days, a lock wait 0 to 60 s); a message with a field the address does not
 * take is refused.
 *
 * <pre>{@code
 * vertx.eventBus().<JsonObject>request(CachifyAddresses.LOCK_STATUS, new JsonObject().put("key", "update-user-5-once"))
 *     .map(reply -> reply.body().getBoolean("locked"));
 * }</pre>
 */
public final class CachifyAddresses {

  /** The typed service ({@link CachifyService#createProxy}); messages carry an {@code action} header. */
  public static final String SERVICE = "cachify.service";

  /** {@code {key}} → {@code {key, found, value}}. */
  public static final String CACHE_GET = "cachify.cache.get";
  /** {@code {key, value, ttlMs?}} → {@code {key}}; no {@code ttlMs}: the node's default cache TTL. */
  public static final String CACHE_SET = "cachify.cache.set";
  /** {@code {key}} → {@code {key}}; later reads miss, loads in flight do not store. */
  public static final String CACHE_RESET = "cachify.cache.reset";
  /**
   * {@code {key, ttlMs?, loader, body?}} → {@code {key, found, value}}: the entry, or on a miss
   * what {@code loader} (an allowed event-bus address) answers {@code body}, stored for
   * {@code ttlMs} (absent: the node's default cache TTL); once per key across the cluster.
   */
  public static final String CACHE_LOAD = "cachify.cache.load";

  /** {@code {key, expMs?, nowait?, timeoutMs?}} → {@code {key, token, expMs, fence}}, or fails LOCKED. */
  public static final String LOCK_ACQUIRE = "cachify.lock.acquire";
  /** {@code {key, token}} → {@code {key, released}}: false when the token no longer holds it. */
  public static final String LOCK_RELEASE = "cachify.lock.release";
  /** {@code {key, token, expMs}} → {@code {key, extended}}. */
  public static final String LOCK_EXTEND = "cachify.lock.extend";
  /** {@code {key}} → {@code {key, locked}}. */
  public static final String LOCK_STATUS = "cachify.lock.status";

  /** {@code {key, maxSize, slotExpMs?}} → {@code {key, slot}}, or fails POOL_FULL. */
  public static final String POOL_ACQUIRE = "cachify.pool.acquire";
  /** {@code {key, slot}} → {@code {key, released}}. */
  public static final String POOL_RELEASE = "cachify.pool.release";
  /** {@code {key, maxSize}} → {@code {key, size}}. */
  public static final String POOL_SIZE = "cachify.pool.size";

  /** Every address of the service: what a bridge may send to. */
  public static final List<String> PUBLIC = List.of(SERVICE, CACHE_GET, CACHE_SET, CACHE_RESET,
    LOCK_ACQUIRE, LOCK_RELEASE, LOCK_EXTEND, LOCK_STATUS, POOL_ACQUIRE, POOL_RELEASE, POOL_SIZE, CACHE_LOAD);

  private CachifyAddresses() {
  }
}
