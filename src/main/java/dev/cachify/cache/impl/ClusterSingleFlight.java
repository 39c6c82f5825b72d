package dev.cachify.cache.impl;

import dev.cachify.cache.CachedBuilder;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
  /** The load locks this function's loads hold, by entry key: what a reset hands over. */
  private final ConcurrentMap<String, Turn> held = new ConcurrentHashMap<>();

  ClusterSingleFlight(Vertx vertx, Store store, Duration loadTimeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
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
   */
  Future<Turn> turn(String key, CacheEntries<?> entries) {
    return new Waiting(key, entries).start();
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

  /**
   * The attempts of one turn. A refused attempt watches the lock's releases, re-reads the entry (a
   * release before the watch is not missed), and tries again; after that it sleeps until a release
   * wakes it or the poll timer fires, the spacing doubling from 10 to 200 ms, then re-reads and
   * tries again, until the lock is ours, the entry is there, or {@code loadTimeout} has passed.
   */
  private final class Waiting {

    private final Promise<Turn> result = Promise.promise();
    private final String key;
    private final String lockKey;
    private final String token = UUID.randomUUID().toString();
    private final CacheEntries<?> entries;
    private final long deadline = System.nanoTime() + loadTimeout.toNanos();
    private long pollMillis = FIRST_POLL_MILLIS;
    private LockWatch watch;
    /** Guarded by this: the sleep's timer, or -1 while an attempt runs. */
    private long timer = -1;
    private boolean wokenEarly;

    Waiting(String key, CacheEntries<?> entries) {
      this.key = key;
      this.lockKey = lockKey(key);
      this.entries = entries;
    }

    Future<Turn> start() {
      attempt();
      return result.future();
    }

    private void attempt() {
      store.acquireLock(lockKey, token, loadTimeout).onComplete(taken -> {
        if (taken.failed()) {
          LOG.debug("No load lock for {}, loading without it: {}", key, taken.cause().getMessage());
          finish(new Turn(key, null, null));
        } else if (taken.result() != null) {
          Turn turn = new Turn(key, token, null);
          held.put(key, turn);
          finish(turn);
        } else if (System.nanoTime() - deadline >= 0) {
          LOG.debug("Waited {} for another loader of {}, loading without the lock", loadTimeout, key);
          finish(new Turn(key, null, null));
        } else if (watch == null) {
          store.watchReleases(lockKey, this::wake).onComplete(registered -> {
            watch = registered.succeeded() ? registered.result() : LockWatch.NONE;
            readThenAttempt();
          });
        } else {
          sleep();
        }
      });
    }

    /** The entry if another loader stored it; otherwise another attempt at the lock. */
    private void readThenAttempt() {
      entries.readRaw(key).onComplete(read -> {
        if (read.failed()) {
          // The load's own read will meet the same failure and answer it as it would without us.
          finish(new Turn(key, null, null));
          return;
        }
        Object entry = entries.decode(read.result());
        if (entry != null) {
          finish(new Turn(key, null, Loaded.found(entry, read.result())));
        } else {
          attempt();
        }
      });
    }

    private void sleep() {
      long remainingMillis = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
      long delay = Math.min(pollMillis, remainingMillis);
      pollMillis = Math.min(pollMillis * 2, MAX_POLL_MILLIS);
      synchronized (this) {
        if (wokenEarly) {
          wokenEarly = false;
          vertx.runOnContext(v -> readThenAttempt());
          return;
        }
        timer = vertx.setTimer(delay, id -> {
          synchronized (this) {
            timer = -1;
          }
          readThenAttempt();
        });
      }
    }

    private void wake() {
      synchronized (this) {
        if (timer < 0) {
          wokenEarly = true; // an attempt runs: its sleep turns into another attempt
          return;
        }
        if (!vertx.cancelTimer(timer)) {
          return; // fired meanwhile
        }
        timer = -1;
      }
      vertx.runOnContext(v -> readThenAttempt());
    }

    private void finish(Turn turn) {
      if (watch != null) {
        watch.close();
      }
      result.complete(turn);
    }
  }
}
