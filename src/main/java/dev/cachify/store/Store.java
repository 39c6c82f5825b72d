package dev.cachify.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.function.Function;

/**
 * Where cachify keeps values, locks and pool slots: the store SPI. Every store gives the same
 * semantics, proven by one contract suite; a store that cannot answer fails the future with a
 * {@link StoreException} within its configured timeout, never hangs. Implement it to put cachify
 * on another backend, or extend {@link ForwardingStore} to wrap a store.
 *
 * <p>The contract, for every method:
 * <ul>
 *   <li>Keys are used exactly as given: prefixes and operation suffixes are the caller's business.
 *   One key holds one kind of thing (a value, a lock or a pool); what a method of one kind does on
 *   a key of another is not specified, and cachify never mixes them.</li>
 *   <li>A {@code ttl} of {@code null} means "never expires"; otherwise it is strictly positive (the
 *   caller validates). It counts from the write, and reads do not extend it. A store may round it
 *   up to its resolution (Redis: a millisecond; clustered shared data: a second), never down.</li>
 *   <li>An expired entry, lock or slot is absent for every method.</li>
 *   <li>Methods do not throw: every failure fails the returned future. A store that cannot answer
 *   (unreachable, timed out, refused the command) fails it with a {@link StoreException} naming
 *   the store, the operation and the key, within the store's timeout.</li>
 *   <li>Methods may be called from any thread, event loops included, and must not block.</li>
 * </ul>
 *
 * <pre>{@code
 * Store store = RedisStore.create(vertx, "redis://127.0.0.1:6379");
 * store.acquireLock("report-job", token, Duration.ofSeconds(30))
 *     .compose(fence -> fence == null ? Future.failedFuture("busy") : runJob(fence))
 *     .eventually(() -> store.releaseLock("report-job", token));
 * }</pre>
 */
public interface Store {

  /**
   * Reads a value.
   *
   * @param key the value's key
   * @return a future of the stored bytes (the caller's to keep: later writes do not change them),
   *     or of {@code null} when the key is absent or expired; fails with a {@link StoreException}
   *     when the store cannot answer
   */
  Future<Buffer> get(String key);

  /**
   * The value under {@code key} decoded by {@code decoder}, or {@code null} when absent. Stores
   * that keep values in process may remember the decoded object per decoder and skip decoding on
   * later hits; decoders must therefore be pure. The default decodes what {@link #get} answers.
   *
   * @param key     the value's key
   * @param decoder turns the stored bytes into the answer; {@code null} from it reads as a miss
   * @param <T>     the decoded type
   * @return a future of the decoded value, or of {@code null} when absent; fails with what the
   *     decoder threw, or with a {@link StoreException} when the store cannot answer
   */
  default <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return get(key).map(value -> value == null ? null : decoder.apply(value));
  }

  /**
   * Stores {@code value} under {@code key}, replacing any value, expiring after {@code ttl}.
   *
   * @param key   the value's key
   * @param value the bytes; the caller does not change them afterwards
   * @param ttl   how long the value lives; {@code null}: never expires
   * @return a future that succeeds once the value is stored; fails with a {@link StoreException}
   *     when the store cannot answer (the value may or may not have been stored)
   */
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
   *
   * @param key      the value's key
   * @param expected the bytes the key must hold, or {@code null} for "absent"
   * @param value    the bytes to store
   * @param ttl      how long the new value lives; {@code null}: never expires
   * @return a future of {@code true} when this call stored, {@code false} when the key held
   *     something else; fails with a {@link StoreException} when the store cannot answer
   */
  Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl);

  /**
   * Removes {@code key}, whatever it holds; removing an absent key succeeds. Deleting a lock this
   * way frees it whoever holds it (an operator's override), without a release notice.
   *
   * @param key the key to remove
   * @return a future that succeeds once the key is gone; fails with a {@link StoreException} when
   *     the store cannot answer
   */
  Future<Void> delete(String key);

  /**
   * {@code SET key token NX PX ttl}: takes the lock if nobody holds it. Answers the acquisition's
   * <b>fencing token</b>, or {@code null} when the lock is held. Fencing tokens of one key grow
   * with every new holder, across processes and restarts of the holders: at least one more than
   * the previous holder's, and at least the store's clock in microseconds since the epoch, so a
   * store that lost its counters (a Redis restart) still answers tokens above the old ones. A
   * resource that remembers the highest token it accepted can refuse a holder whose lock expired.
   *
   * @param key   the lock's key
   * @param token the acquisition's own token, unique per acquisition: release and extend need it
   * @param ttl   how long the lock lives unless released or extended; {@code null}: until released
   * @return a future of the fencing token (positive), or of {@code null} when the lock is held;
   *     fails with a {@link StoreException} when the store cannot answer
   */
  Future<Long> acquireLock(String key, String token, Duration ttl);

  /**
   * Deletes the lock only while it still holds {@code token} (compare-and-delete), so a holder
   * whose lock expired cannot delete the next holder's; a release is announced to
   * {@link #watchReleases} watchers.
   *
   * @param key   the lock's key
   * @param token the token it was acquired with
   * @return a future of {@code true} when this call released it, {@code false} when the lock was
   *     free or held with another token; fails with a {@link StoreException} when the store cannot
   *     answer
   */
  Future<Boolean> releaseLock(String key, String token);

  /**
   * Sets a new expiry only while the lock still holds {@code token} (compare-and-expire): how a
   * holder renews a lease. The new expiry counts from now.
   *
   * @param key   the lock's key
   * @param token the token it was acquired with
   * @param ttl   how long the lock lives from now; {@code null}: until released
   * @return a future of {@code true} when this call extended it, {@code false} when the lock was
   *     free or held with another token (this holder lost it); fails with a {@link StoreException}
   *     when the store cannot answer
   */
  Future<Boolean> extendLock(String key, String token, Duration ttl);

  /**
   * Whether some holder has the lock under {@code key}.
   *
   * @param key the lock's key
   * @return a future of {@code true} while the lock is held and unexpired; fails with a
   *     {@link StoreException} when the store cannot answer
   */
  Future<Boolean> isLocked(String key);

  /**
   * Calls {@code onRelease} (on any thread) each time a holder releases the lock under {@code key},
   * until the registration is closed: how waiters wait without polling. Best effort; the default
   * announces nothing ({@link LockWatch#NONE}).
   *
   * @param key       the lock's key
   * @param onRelease called on each release; must be quick and must not block
   * @return a future of the registration, to close when done waiting; a store that cannot listen
   *     answers {@link LockWatch#NONE} (the waiter then polls) or fails with a
   *     {@link StoreException}
   */
  default Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return Future.succeededFuture(LockWatch.NONE);
  }

  /**
   * How long the lock under {@code key} lives on unless released or extended, in milliseconds: 0
   * when nobody holds it, -1 when it never expires or the store cannot tell. A waiter with release
   * notices retries no later than this. The default cannot tell.
   *
   * @param key the lock's key
   * @return a future of the milliseconds left, 0 or -1; fails with a
   *     {@link StoreException} when the store cannot answer
   */
  default Future<Long> lockRemainingMillis(String key) {
    return Future.succeededFuture(-1L);
  }

  /**
   * Takes one of at most {@code maxSize} slots of the pool under {@code key}; each slot expires
   * after {@code slotTtl} so a dead holder frees it. Answers a slot id to release with, or
   * {@code null} when the pool is full. A store may answer a token that already holds a slot with
   * that slot, its expiry renewed; callers use a fresh token per acquisition.
   *
   * @param key     the pool's key
   * @param token   the acquisition's own token
   * @param maxSize how many slots the pool has, at least 1
   * @param slotTtl how long the slot lives unless released; {@code null}: until released
   * @return a future of the slot id, or of {@code null} when every slot is held; fails with an
   *     {@link IllegalArgumentException} when {@code maxSize} is below 1, with a
   *     {@link StoreException} when the store cannot answer
   */
  Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl);

  /**
   * Frees the slot {@code slotId} returned by {@link #acquireSlot}.
   *
   * @param key    the pool's key
   * @param slotId the id {@link #acquireSlot} answered
   * @return a future of {@code true} when the slot was held and is now free, {@code false} when it
   *     had expired or was never this pool's; fails with a {@link StoreException} when the store
   *     cannot answer
   */
  Future<Boolean> releaseSlot(String key, String slotId);

  /**
   * How many unexpired slots of the pool under {@code key} are held.
   *
   * @param key     the pool's key
   * @param maxSize the pool's size, as given to {@link #acquireSlot} (stores that keep one key per
   *                slot read that many)
   * @return a future of the number of held slots, 0 for an absent pool; fails with a
   *     {@link StoreException} when the store cannot answer
   */
  Future<Integer> poolSize(String key, int maxSize);

  /**
   * One round trip to the store, for health checks: succeeds when it answers, fails with a
   * {@link StoreException} when it does not. The default asks whether a probe key is locked.
   *
   * @return a future that succeeds when the store answered
   */
  default Future<Void> ping() {
    return isLocked("cachify:ping").mapEmpty();
  }

  /**
   * A short name for logs, errors and metric tags.
   *
   * @return the store's name: {@code memory}, {@code shared-data}, {@code redis}
   *     ({@code redis+near} behind a near cache)
   */
  String name();

  /**
   * Releases connections and timers; the store answers nothing afterwards. Whoever created the
   * store closes it: {@code Cachify} does not.
   *
   * @return a future that completes once everything is released
   */
  Future<Void> close();
}
