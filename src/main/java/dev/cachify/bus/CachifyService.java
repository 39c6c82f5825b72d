package dev.cachify.bus;

import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The cluster's cache, locks and pools for other JVM services, over the event bus: a typed client
 * of {@link CachifyVerticle}. Failures are {@code io.vertx.serviceproxy.ServiceException}s with
 * one of {@link CachifyFailures}' codes. Keys are given without the nodes' prefix.
 *
 * <pre>{@code
 * CachifyService cachify = CachifyService.createProxy(vertx);
 * cachify.acquireLock("update-user-5-once", new LockRequest().setExpMs(10_000L))
 *     .compose(grant -> doWork().eventually(() -> cachify.releaseLock(grant.getKey(), grant.getToken())));
 * }</pre>
 */
@ProxyGen
@VertxGen
public interface CachifyService {

  /** A client of the service at {@link CachifyAddresses#SERVICE}. */
  @GenIgnore
  static CachifyService createProxy(Vertx vertx) {
    return new CachifyServiceVertxEBProxy(vertx, CachifyAddresses.SERVICE);
  }

  /** The entry under {@code key}; {@code found} is false on a miss. */
  Future<CacheValue> get(String key);

  /**
   * Stores {@code entry}'s JSON value under its key for {@code ttlMs} (null: the node's default
   * cache TTL): {@code set(new CacheValue("greeting", "hello"), 60_000L)}.
   */
  Future<Void> set(CacheValue entry, @Nullable Long ttlMs);

  /** Drops the entry under {@code key}; loads in flight do not store theirs. */
  Future<Void> reset(String key);

  /** Takes the lock under {@code key} (null request: the defaults), or fails with {@link CachifyFailures#LOCKED}. */
  Future<LockGrant> acquireLock(String key, @Nullable LockRequest request);

  /** Releases the lock if {@code token} still holds it: true when it did. */
  Future<Boolean> releaseLock(String key, String token);

  /** Sets the lock's expiry to {@code expMs} from now if {@code token} still holds it. */
  Future<Boolean> extendLock(String key, String token, Long expMs);

  /** True while anyone holds the lock under {@code key}. */
  Future<Boolean> isLocked(String key);

  /** Takes a slot of the pool, or fails with {@link CachifyFailures#POOL_FULL}; null: default slot expiry. */
  Future<SlotGrant> acquireSlot(String key, Integer maxSize, @Nullable Long slotExpMs);

  /** Frees a slot: true when it was held. */
  Future<Boolean> releaseSlot(String key, String slot);

  /** How many slots of the pool are held. */
  Future<Integer> poolSize(String key, Integer maxSize);
}
