package dev.cachify.lock;

import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.UUID;

/**
 * Takes locks on a store: one attempt when {@code nowait}, otherwise attempts spaced by timers
 * (never a sleeping thread), the spacing doubling from the poll interval up to its maximum and
 * never past the deadline.
 */
public final class Locker {

  private final Vertx vertx;
  private final Store store;
  private final long pollMillis;
  private final long maxPollMillis;
  private final Duration lease;

  /** @param lease what a lock taken with {@code exp(Ttl.NEVER)} is kept for between renewals */
  public Locker(Vertx vertx, Store store, Duration pollInterval, Duration maxPollInterval, Duration lease) {
    this.vertx = vertx;
    this.store = store;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.maxPollMillis = Math.max(pollMillis, maxPollInterval.toMillis());
    this.lease = lease;
  }

  public Store store() {
    return store;
  }

  /** A handle on the lock under {@code key}, or a {@link CachifyLockException}. */
  public Future<LockHandle> acquire(String key, LockSettings settings) {
    String token = UUID.randomUUID().toString();
    Duration renewed = settings.exp().duration() == null ? lease : null;
    Duration ttl = renewed != null ? renewed : settings.exp().duration();
    long deadline = settings.nowait() || settings.timeout() == null ? Long.MAX_VALUE
      : System.nanoTime() + settings.timeout().toNanos();
    Promise<LockHandle> result = Promise.promise();
    attempt(key, token, ttl, renewed, settings.nowait(), deadline, pollMillis, result);
    return result.future();
  }

  /** The handle of an acquisition made elsewhere, known by its token: no fence, no renewal. */
  public LockHandle handle(String key, String token) {
    return new LockHandle(vertx, store, key, token, 0, null, null);
  }

  private void attempt(String key, String token, Duration ttl, Duration renewed, boolean nowait, long deadline,
                       long wait, Promise<LockHandle> result) {
    store.acquireLock(key, token, ttl).onComplete(taken -> {
      if (taken.failed()) {
        result.fail(taken.cause());
        return;
      }
      if (taken.result() != null) {
        result.complete(new LockHandle(vertx, store, key, token, taken.result(), ttl, renewed));
        return;
      }
      long remainingNanos = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
      if (nowait || remainingNanos <= 0) {
        result.fail(new CachifyLockException(key));
        return;
      }
      // Rounded up, so the last attempt lands at or after the deadline, never before it.
      long remainingMillis = remainingNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (remainingNanos + 999_999) / 1_000_000;
      long delay = Math.max(1, Math.min(wait, remainingMillis));
      vertx.setTimer(delay, id -> attempt(key, token, ttl, renewed, false, deadline,
        Math.min(wait * 2, maxPollMillis), result));
    });
  }
}
