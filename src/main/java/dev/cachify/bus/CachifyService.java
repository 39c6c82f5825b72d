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
 * <p>Every method fails with {@link CachifyFailures#BAD_MESSAGE} (400) when an argument is
 * missing or out of range (a key must be 1 to 1024 characters, not blank; a duration in
 * milliseconds 1 ms to 30 days), with {@link CachifyFailures#STORE_UNAVAILABLE} (503) when the
 * store cannot answer, and with a {@code ReplyException} when no node serves the service (no
 * handlers) or none answers within the proxy's send timeout (30 s by default).
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

  /**
   * A client of the service at {@link CachifyAddresses#SERVICE}, on any node of the cluster.
   *
   * @param vertx the Vert.x whose event bus reaches the service
   * @return the client
   */
  @GenIgnore
  static CachifyService createProxy(Vertx vertx) {
    return new CachifyServiceVertxEBProxy(vertx, CachifyAddresses.SERVICE);
  }

  /**
   * Reads an entry.
   *
   * @param key the entry's key, without the nodes' prefix
   * @return a future of the entry: {@code found} false on a miss (absent, expired or reset)
   */
  Future<CacheValue> get(String key);

  /**
   * Stores {@code entry}'s JSON value under its key for {@code ttlMs} (null: the node's default
   * cache TTL), less the node's TTL jitter: {@code set(new CacheValue("greeting", "hello"), 60_000L)}.
   *
   * @param entry the key and its value (a JSON value, not {@code null})
   * @param ttlMs how long the value lives, in milliseconds; {@code null}: the node's default
   * @return a future that succeeds once the value is stored; fails with
   *     {@link CachifyFailures#BAD_MESSAGE} when the value is {@code null}
   */
  Future<Void> set(CacheValue entry, @Nullable Long ttlMs);

  /**
   * Drops the entry under {@code key}; loads in flight do not store theirs. Dropping an absent
   * entry succeeds.
   *
   * @param key the entry's key
   * @return a future that succeeds once the entry is dropped
   */
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
   *
   * <p>When the store cannot answer, the loader is asked and its answer returned, not stored.
   *
   * @param key     the entry's key
   * @param request the loader, its body, and the TTL of what it answers
   * @return a future of the entry, or of what the loader answered ({@code found} false for a null
   *     answer)
   */
  Future<CacheValue> load(String key, LoadRequest request);

  /**
   * Takes the lock under {@code key}: at once, or waiting up to the request's timeout.
   *
   * @param key     the lock's key, without the nodes' prefix (e.g. {@code update-user-5-once})
   * @param request expiration and waiting; {@code null}: the node's default expiration, no wait
   * @return a future of the grant, whose token releases and extends the lock; fails with
   *     {@link CachifyFailures#LOCKED} when another holder has it (at the timeout, when waiting)
   */
  Future<LockGrant> acquireLock(String key, @Nullable LockRequest request);

  /**
   * Releases the lock if {@code token} still holds it (compare-and-delete).
   *
   * @param key   the lock's key
   * @param token the grant's token
   * @return a future of {@code true} when this released it, {@code false} when the token no longer
   *     held it (expired, or another holder)
   */
  Future<Boolean> releaseLock(String key, String token);

  /**
   * Sets the lock's expiry to {@code expMs} from now if {@code token} still holds it
   * (compare-and-expire).
   *
   * @param key   the lock's key
   * @param token the grant's token
   * @param expMs the new expiry from now, in milliseconds (required)
   * @return a future of {@code true} when this extended it, {@code false} when the token no longer
   *     held it
   */
  Future<Boolean> extendLock(String key, String token, Long expMs);

  /**
   * Whether anyone holds the lock under {@code key}.
   *
   * @param key the lock's key
   * @return a future of {@code true} while the lock is held
   */
  Future<Boolean> isLocked(String key);

  /**
   * Takes a slot of the pool under {@code key}.
   *
   * @param key       the pool's key
   * @param maxSize   how many slots the pool has, at least 1 (required)
   * @param slotExpMs how long the slot lives unless released, in milliseconds; {@code null}: the
   *                  node's default slot expiration
   * @return a future of the grant, whose slot id releases it; fails with
   *     {@link CachifyFailures#POOL_FULL} when every slot is held
   */
  Future<SlotGrant> acquireSlot(String key, Integer maxSize, @Nullable Long slotExpMs);

  /**
   * Frees a slot.
   *
   * @param key  the pool's key
   * @param slot the grant's slot id
   * @return a future of {@code true} when the slot was held, {@code false} when it had expired
   */
  Future<Boolean> releaseSlot(String key, String slot);

  /**
   * How many slots of the pool are held.
   *
   * @param key     the pool's key
   * @param maxSize the pool's size, as given to {@link #acquireSlot} (required)
   * @return a future of the number of held, unexpired slots
   */
  Future<Integer> poolSize(String key, Integer maxSize);
}
