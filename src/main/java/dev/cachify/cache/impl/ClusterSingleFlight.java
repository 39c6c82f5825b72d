package dev.cachify.cache.impl;

import dev.cachify.cache.CachedBuilder;
import dev.cachify.impl.Lifecycle;
import dev.cachify.impl.ReleaseWait;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns to load a missed key across every process that shares the store, above {@link SingleFlight}
 * (one load per key in this JVM): {@link ReadThrough}'s leader asks for a {@link #turn}, loads and
 * stores as usual (the compare-and-set write, so a reset still wins), then closes it. A turn is a
 * short-lived <b>load lock</b> on the store ({@code key + "-load"}). A leader that finds the lock
 * held waits for the value: it wakes on the lock's release (the stores' release notices) or on a
 * short backoff poll, re-reads the entry, and answers it; a miss with the lock free (the loader
 * failed, stored nothing, or died and its lock expired) makes it the next loader.
 *
 * <p>Never waits for ever: the load lock expires after {@code loadTimeout}, and a waiter that has
 * waited that long loads without it. The lock is an optimisation, not a guard: when the store
 * cannot take it, or a re-read fails, the load goes on as it would without this layer. The entry's
 * compare-and-set keeps every store correct whatever the lock does.
 */
final class ClusterSingleFlight {

  /** Expiry of a load lock unless the builder sets another: how long a stuck loader holds others up. */
  static final Duration DEFAULT_LOAD_TIMEOUT = CachedBuilder.DEFAULT_LOAD_TIMEOUT;
  /** Appended to the entry's key for its load lock: {@code PYC-read_user-1-cached-load}. */
  static final String LOCK_SUFFIX = "-load";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSingleFlight.class);
  private static final long FIRST_POLL_MILLIS = 10;
  private static final long MAX_POLL_MILLIS = 200;

  private final Vertx vertx;
  private final Store store;
  private final Duration loadTimeout;
  private final Lifecycle lifecycle;
  /** The load locks this function's loads hold, by entry key: what a reset hands over. */
  private final ConcurrentMap<String, Turn> held = new ConcurrentHashMap<>();

  ClusterSingleFlight(Vertx vertx, Store store, Duration loadTimeout, Lifecycle lifecycle) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.store = Objects.requireNonNull(store, "store");
    this.loadTimeout = checked(loadTimeout);
  }

  /** {@code loadTimeout} if it is a usable load-lock expiry; otherwise an explanation. */
  static Duration checked(Duration loadTimeout) {
    Objects.requireNonNull(loadTimeout, "loadTimeout");
    if (loadTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("a load lock must expire after at least 1 ms, got " + loadTimeout);
    }
    return loadTimeout;
  }

  /** The key of the load lock of the entry under {@code key}. */
  static String lockKey(String key) {
    return key + LOCK_SUFFIX;
  }

  /**
   * Completes when this JVM may load {@code key}: it holds the load lock; or the entry appeared
   * ({@link Turn#found()}), so a re-read finds it; or it waited {@code loadTimeout}, or the store
   * could not coordinate, and loads without the lock. Close the turn when the load has stored.
   *
   * <p>The waiting is {@link ReleaseWait}'s, as for a waiting lock: a refused attempt watches the
   * lock's releases, and before every retry re-reads the entry (a release before the watch is not
   * missed), sleeping between retries until a release wakes it or the backoff (10 to 200 ms) ends;
   * the instance's close ends the wait.
   */
  Future<Turn> turn(String key, CacheEntries<?> entries) {
    String lockKey = lockKey(key);
    String token = UUID.randomUUID().toString();
    Turn uncoordinated = new Turn(key, null, null);
    return ReleaseWait.<Turn>forLock(vertx, store, lockKey)
      .attempt(() -> store.acquireLock(lockKey, token, loadTimeout).map(fence -> {
        if (fence == null) {
          return null; // another process loads: wait
        }
        Turn turn = new Turn(key, token, null);
        held.put(key, turn);
        return turn;
      }).otherwise(failure -> {
        LOG.debug("No load lock for {}, loading without it: {}", key, failure.getMessage());
        return uncoordinated;
      }))
      // The entry if another loader stored it. A failed read: the load's own read will meet the
      // same failure and answer it as it would without this layer.
      .beforeRetry(() -> entries.readRaw(key).map(bytes -> {
        Object entry = entries.decode(bytes);
        return entry == null ? null : new Turn(key, null, Loaded.found(entry, bytes));
      }).otherwise(uncoordinated))
      .backoff(FIRST_POLL_MILLIS, MAX_POLL_MILLIS)
      .deadline(System.nanoTime() + loadTimeout.toNanos(), () -> {
        LOG.debug("Waited {} for another loader of {}, loading without the lock", loadTimeout, key);
        return Future.succeededFuture(uncoordinated);
      })
      .closing(lifecycle)
      .onDiscard(Turn::close)
      .start();
  }

  /**
   * After a reset: lets the next loader in at once if a load of {@code key} by this function holds
   * the load lock. That load started before the reset and will not store, so nobody waits for it.
   */
  void forget(String key) {
    Turn turn = held.remove(key);
    if (turn != null) {
      turn.close();
    }
  }

  /** One caller's turn to load; closing it releases the load lock if it holds it. Closing twice is harmless. */
  final class Turn implements AutoCloseable {

    private final String key;
    /** The lock's token, or {@code null} when the turn holds no lock. */
    private final String token;
    private final Loaded found;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Turn(String key, String token, Loaded found) {
      this.key = key;
      this.token = token;
      this.found = found;
    }

    /** The entry another process stored while this one waited, or {@code null}: then load. */
    Loaded found() {
      return found;
    }

    @Override
    public void close() {
      if (token == null || !closed.compareAndSet(false, true)) {
        return;
      }
      held.remove(key, this);
      store.releaseLock(lockKey(key), token).onFailure(e ->
        LOG.debug("Could not release the load lock of {}; it expires by itself: {}", key, e.getMessage()));
    }
  }
}
