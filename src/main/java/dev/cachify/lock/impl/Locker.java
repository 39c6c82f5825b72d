package dev.cachify.lock.impl;

import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
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
  private final Leases leases;
  private final Lifecycle lifecycle;
  private final long pollMillis;
  private final long maxPollMillis;
  private final Duration lease;
  private final CachifyMetrics metrics;

  /**
   * @param leases the instance's scheduler, which renews the leases of locks taken with
   *               {@code exp(Ttl.NEVER)}
   * @param lease  what such a lock is kept for between renewals
   */
  Locker(Vertx vertx, Store store, Leases leases, Lifecycle lifecycle, Duration pollInterval,
         Duration maxPollInterval, Duration lease, CachifyMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.leases = leases;
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.maxPollMillis = Math.max(pollMillis, maxPollInterval.toMillis());
    this.lease = lease;
  }

  /** Whether the instance is open: wrappers check it before they do anything. */
  Lifecycle lifecycle() {
    return lifecycle;
  }

  /** True while anyone holds the lock under {@code key}. */
  Future<Boolean> isLocked(String key) {
    return lifecycle.whenOpen(() -> store.isLocked(key));
  }

  /** Frees {@code key} whoever holds it: the wrappers' operator override. */
  Future<Void> delete(String key) {
    return lifecycle.whenOpen(() -> store.delete(key));
  }

  /** Where acquisitions, releases, renewals and refusals are reported. */
  CachifyMetrics metrics() {
    return metrics;
  }

  /**
   * A handle on the lock under {@code key}, or a {@link CachifyLockException}: one attempt when
   * {@code nowait}, otherwise the {@link ReleaseWait} until the timeout. With release notices the
   * waiter sleeps the lock's remaining life (a holder that died); without, it polls. The
   * instance's close ends a wait at once with a {@code CachifyClosedException}.
   *
   * @param scoped whether a scope or wrapper of this process holds it until its body ends (the
   *               instance's close then releases it); false for a bare {@code acquire()}
   */
  Future<LockHandleImpl> acquire(String key, LockSettings settings, boolean scoped) {
    String token = UUID.randomUUID().toString();
    Duration renewed = settings.exp().duration() == null ? lease : null;
    Duration ttl = renewed != null ? renewed : settings.exp().duration();
    long askedAt = System.nanoTime();
    ReleaseWait.Builder<LockHandleImpl> wait = ReleaseWait.<LockHandleImpl>forLock(vertx, store, key)
      .attempt(() -> store.acquireLock(key, token, ttl).compose(fence -> {
        if (fence == null) {
          return Future.succeededFuture();
        }
        LockHandleImpl handle = new LockHandleImpl(store, metrics, leases, lifecycle, key, token, fence, ttl, renewed,
          scoped);
        if (!handle.start()) { // the instance closed while the store took it: nobody will hold it
          return handle.abandon().transform(released -> Future.failedFuture(lifecycle.closedError()));
        }
        metrics.lockAcquired(System.nanoTime() - askedAt);
        return Future.succeededFuture(handle);
      }))
      .sleepingUntilExpiry(pollMillis, maxPollMillis)
      .closing(lifecycle)
      .onDiscard(LockHandleImpl::abandon);
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
    return new LockHandleImpl(store, metrics, leases, lifecycle, key, token, 0, null, null, false);
  }
}
