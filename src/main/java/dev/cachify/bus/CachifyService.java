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

  /**
   * Read-through: the entry under {@code key} or, on a miss, what the request's loader answers
   * its body, stored for its {@code ttlMs} and answered; concurrent loads of the key anywhere in
   * the cluster ask the loader once. A loader failure stores nothing and fails with the loader's
   * code and message (no handler: {@link CachifyFailures#LOADER_UNAVAILABLE}, no answer in time:
   * {@link CachifyFailures#LOADER_TIMEOUT}); a null answer stores nothing and answers
   * {@code found=false}; a loader the node does not allow is {@link CachifyFailures#BAD_MESSAGE}.
   *
   * <pre>{@code
   * cachify.load("rates-EUR", new LoadRequest().setLoader("loaders.rates")
   *     .setBody(new JsonObject().put("currency", "EUR")).setTtlMs(60_000L))
   *   .map(CacheValue::getValue);
   * }</pre>
   */
  Future<CacheValue> load(String key, LoadRequest request);

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
