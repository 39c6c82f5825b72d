package dev.cachify.lock.impl;

import dev.cachify.impl.ReleaseWait;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.UUID;

/**
 * Takes locks on a store: one attempt when {@code nowait}; otherwise a {@link ReleaseWait} that
 * wakes when the lock is released (stores that announce releases) or polls (the others), by
 * timers, never a sleeping thread, and never past the deadline.
 */
final class Locker {

  private final Vertx vertx;
  private final Store store;
  private final long pollMillis;
  private final long maxPollMillis;
  private final Duration lease;
  private final CachifyMetrics metrics;

  /** @param lease what a lock taken with {@code exp(Ttl.NEVER)} is kept for between renewals */
  Locker(Vertx vertx, Store store, Duration pollInterval, Duration maxPollInterval, Duration lease,
                CachifyMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.maxPollMillis = Math.max(pollMillis, maxPollInterval.toMillis());
    this.lease = lease;
  }

  Store store() {
    return store;
  }

  /** Where acquisitions, releases, renewals and refusals are reported. */
  CachifyMetrics metrics() {
    return metrics;
  }

  /**
   * A handle on the lock under {@code key}, or a {@link CachifyLockException}: one attempt when
   * {@code nowait}, otherwise the {@link ReleaseWait} until the timeout. With release notices the
   * waiter sleeps the lock's remaining life (a holder that died); without, it polls.
   */
  Future<LockHandleImpl> acquire(String key, LockSettings settings) {
    String token = UUID.randomUUID().toString();
    Duration renewed = settings.exp().duration() == null ? lease : null;
    Duration ttl = renewed != null ? renewed : settings.exp().duration();
    long askedAt = System.nanoTime();
    ReleaseWait.Builder<LockHandleImpl> wait = ReleaseWait.<LockHandleImpl>forLock(vertx, store, key)
      .attempt(() -> store.acquireLock(key, token, ttl).map(fence -> {
        if (fence == null) {
          return null;
        }
        metrics.lockAcquired(System.nanoTime() - askedAt);
        return new LockHandleImpl(vertx, store, metrics, key, token, fence, ttl, renewed);
      }))
      .sleepingUntilExpiry(pollMillis, maxPollMillis);
    if (settings.nowait() || settings.timeout() != null) {
      long deadline = settings.nowait() ? askedAt : askedAt + settings.timeout().toNanos();
      wait.deadline(deadline, () -> {
        metrics.lockRefused(System.nanoTime() - askedAt);
        return Future.failedFuture(new CachifyLockException(key));
      });
    }
    return wait.start();
  }

  /** The handle of an acquisition made elsewhere, known by its token: no fence, no renewal. */
  LockHandleImpl handle(String key, String token) {
    return new LockHandleImpl(vertx, store, metrics, key, token, 0, null, null);
  }
}
