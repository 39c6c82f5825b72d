package dev.cachify.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.function.Function;

/**
 * Where cachify keeps values, locks and pool slots. Every store gives the same semantics, proven
 * by one contract suite; a store that cannot answer fails the future with a {@link StoreException}
 * within its configured timeout, never hangs.
 *
 * <p>A {@code ttl} of {@code null} means "never expires"; otherwise it is strictly positive (the
 * caller validates). Keys are used exactly as given: prefixes are the caller's business.
 */
public interface Store {

  /** The value under {@code key}, or {@code null} when absent or expired. */
  Future<Buffer> get(String key);

  /**
   * The value under {@code key} decoded by {@code decoder}, or {@code null} when absent. Stores
   * that keep values in process may remember the decoded object per decoder and skip decoding on
   * later hits; decoders must therefore be pure.
   */
  default <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return get(key).map(value -> value == null ? null : decoder.apply(value));
  }

  /** Stores {@code value} under {@code key}, replacing any value, expiring after {@code ttl}. */
  Future<Void> set(String key, Buffer value, Duration ttl);

  /**
   * Stores {@code value} under {@code key}, expiring after {@code ttl}, only while the key still
   * holds {@code expected} byte for byte, or, when {@code expected} is {@code null}, only while the
   * key is absent (an expired entry is absent). One atomic step: of several callers expecting the
   * same bytes at most one stores. Answers whether this call stored.
   *
   * <pre>{@code
   * Buffer seen = store.get(key).await();               // null, or what a writer left there
   * store.compareAndSet(key, seen, fresh, ttl);         // false: someone wrote in between
   * }</pre>
   */
  Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl);

  /** Removes {@code key}, whatever it holds; removing an absent key succeeds. */
  Future<Void> delete(String key);

  /**
   * {@code SET key token NX PX ttl}: takes the lock if nobody holds it. Answers the acquisition's
   * <b>fencing token</b>, or {@code null} when the lock is held. Fencing tokens of one key grow
   * with every new holder, across processes and restarts of the holders: at least one more than
   * the previous holder's, and at least the store's clock in microseconds since the epoch, so a
   * store that lost its counters (a Redis restart) still answers tokens above the old ones. A
   * resource that remembers the highest token it accepted can refuse a holder whose lock expired.
   */
  Future<Long> acquireLock(String key, String token, Duration ttl);

  /** Deletes the lock only while it still holds {@code token}: true when it did. */
  Future<Boolean> releaseLock(String key, String token);

  /** Sets a new expiry only while the lock still holds {@code token}: true when it did. */
  Future<Boolean> extendLock(String key, String token, Duration ttl);

  /** True while some holder has the lock under {@code key}. */
  Future<Boolean> isLocked(String key);

  /**
   * Calls {@code onRelease} (on any thread) each time a holder releases the lock under {@code key},
   * until the registration is closed: how waiters wait without polling. Best effort; the default
   * announces nothing ({@link LockWatch#NONE}).
   */
  default Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return Future.succeededFuture(LockWatch.NONE);
  }

  /**
   * How long the lock under {@code key} lives on unless released or extended, in milliseconds: 0
   * when nobody holds it, -1 when it never expires or the store cannot tell. A waiter with release
   * notices retries no later than this.
   */
  default Future<Long> lockRemainingMillis(String key) {
    return Future.succeededFuture(-1L);
  }

  /**
   * Takes one of at most {@code maxSize} slots of the pool under {@code key}; each slot expires
   * after {@code slotTtl} so a dead holder frees it. Answers a slot id to release with, or
   * {@code null} when the pool is full.
   */
  Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl);

  /** Frees the slot {@code slotId} returned by {@link #acquireSlot}: true when it was held. */
  Future<Boolean> releaseSlot(String key, String slotId);

  /** How many unexpired slots of the pool under {@code key} are held. */
  Future<Integer> poolSize(String key, int maxSize);

  /**
   * One round trip to the store, for health checks: succeeds when it answers, fails with a
   * {@link StoreException} when it does not. The default asks whether a probe key is locked.
   */
  default Future<Void> ping() {
    return isLocked("cachify:ping").mapEmpty();
  }

  /** A short name for logs and errors: {@code memory}, {@code shared-data}, {@code redis}. */
  String name();

  /** Releases connections and timers; the store answers nothing afterwards. */
  Future<Void> close();
}
