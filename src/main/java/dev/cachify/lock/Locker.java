package dev.cachify.lock;

import dev.cachify.impl.Guarded;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.UUID;

/**
 * Takes locks on a store: one attempt when {@code nowait}; otherwise a waiter that wakes when the
 * lock is released (stores that announce releases) or polls (the others), by timers, never a
 * sleeping thread, and never past the deadline.
 */
public final class Locker {

  private final Vertx vertx;
  private final Store store;
  private final long pollMillis;
  private final long maxPollMillis;
  private final Duration lease;
  private final CachifyMetrics metrics;

  /** @param lease what a lock taken with {@code exp(Ttl.NEVER)} is kept for between renewals */
  public Locker(Vertx vertx, Store store, Duration pollInterval, Duration maxPollInterval, Duration lease,
                CachifyMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.maxPollMillis = Math.max(pollMillis, maxPollInterval.toMillis());
    this.lease = lease;
  }

  public Store store() {
    return store;
  }

  /** Where acquisitions, releases, renewals and refusals are reported. */
  public CachifyMetrics metrics() {
    return metrics;
  }

  /** A handle on the lock under {@code key}, or a {@link CachifyLockException}. */
  public Future<LockHandle> acquire(String key, LockSettings settings) {
    String token = UUID.randomUUID().toString();
    Duration renewed = settings.exp().duration() == null ? lease : null;
    Duration ttl = renewed != null ? renewed : settings.exp().duration();
    long deadline = settings.nowait() || settings.timeout() == null ? Long.MAX_VALUE
      : System.nanoTime() + settings.timeout().toNanos();
    Attempts attempts = new Attempts(key, token, ttl, renewed, settings.nowait(), deadline, System.nanoTime());
    attempts.next();
    return attempts.result.future();
  }

  /** The handle of an acquisition made elsewhere, known by its token: no fence, no renewal. */
  public LockHandle handle(String key, String token) {
    return new LockHandle(vertx, store, metrics, key, token, 0, null, null);
  }

  /**
   * The attempts of one acquisition. A waiting one watches the lock's releases (when the store
   * announces them), tries again at once in case the release came before the watch, then sleeps
   * until a release wakes it, or until the lock's remaining life ran out (a holder that died), or
   * the deadline. Without announcements it polls, the spacing doubling up to the maximum.
   */
  private final class Attempts {

    final Promise<LockHandle> result = Promise.promise();
    private final String key;
    private final String token;
    private final Duration ttl;
    private final Duration renewed;
    private final boolean nowait;
    private final long deadline;
    private final long askedAt;
    private long pollWait = pollMillis;
    private LockWatch watch;
    /** Guarded by this: a sleep's timer, or -1 while an attempt runs. */
    private long timer = -1;
    private boolean wokenEarly;

    Attempts(String key, String token, Duration ttl, Duration renewed, boolean nowait, long deadline, long askedAt) {
      this.askedAt = askedAt;
      this.key = key;
      this.token = token;
      this.ttl = ttl;
      this.renewed = renewed;
      this.nowait = nowait;
      this.deadline = deadline;
    }

    void next() {
      store.acquireLock(key, token, ttl).onComplete(taken -> {
        if (taken.failed()) {
          finish(Future.failedFuture(taken.cause()));
        } else if (taken.result() != null) {
          metrics.lockAcquired(System.nanoTime() - askedAt);
          finish(Future.succeededFuture(new LockHandle(vertx, store, metrics, key, token, taken.result(), ttl, renewed)));
        } else if (nowait || remainingNanos() <= 0) {
          metrics.lockRefused(System.nanoTime() - askedAt);
          finish(Future.failedFuture(new CachifyLockException(key)));
        } else if (watch == null) {
          store.watchReleases(key, this::wake).onComplete(registered -> {
            watch = registered.succeeded() ? registered.result() : LockWatch.NONE;
            next(); // a release between the attempt and the watch would otherwise go unseen
          });
        } else if (watch.notifies()) {
          store.lockRemainingMillis(key).onComplete(left -> sleep(
            left.succeeded() && left.result() > 0 ? left.result() : maxPollMillis));
        } else {
          long wait = pollWait;
          pollWait = Math.min(pollWait * 2, maxPollMillis);
          sleep(wait);
        }
      });
    }

    private void sleep(long millis) {
      long remaining = remainingNanos();
      // Rounded up, so the last attempt lands at or after the deadline, never before it.
      long remainingMillis = remaining == Long.MAX_VALUE ? Long.MAX_VALUE : (remaining + 999_999) / 1_000_000;
      long delay = Math.max(1, Math.min(millis, remainingMillis));
      synchronized (this) {
        if (wokenEarly) {
          wokenEarly = false;
          vertx.runOnContext(v -> next());
          return;
        }
        timer = vertx.setTimer(delay, id -> {
          synchronized (this) {
            timer = -1;
          }
          next();
        });
      }
    }

    private void wake() {
      synchronized (this) {
        if (timer < 0) {
          wokenEarly = true; // an attempt runs: let its sleep turn into another attempt
          return;
        }
        if (!vertx.cancelTimer(timer)) {
          return; // fired meanwhile
        }
        timer = -1;
      }
      vertx.runOnContext(v -> next());
    }

    private long remainingNanos() {
      return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    private void finish(Future<LockHandle> outcome) {
      if (watch != null) {
        watch.close();
      }
      outcome.onComplete(result);
    }
  }
}
