package dev.cachify.lock.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.Ttl;
import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
import dev.cachify.lock.LockHandle;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link LockHandle}: one acquisition by its token. A renewed lease ({@code exp(Ttl.NEVER)}) is
 * extended by the instance's one scheduler ({@link Leases}) every third of the lease, give or
 * take a sixth so that renewals share ticks, until released; a fixed expiry is watched there
 * only once someone asks for {@link #lost()}.
 *
 * <p>When the instance closes, it releases (owner-only) the renewed leases and the locks of
 * running scopes and wrappers ({@code scoped}): work in this process holds them, and their
 * {@link #lost()} says so. A bare {@code acquire()} with a fixed expiry may have been handed to
 * someone else by its token (the event-bus service does), so it is left to its holder and expiry.
 */
final class LockHandleImpl implements LockHandle, Leases.Holder {

  /** Under the API type's name, as before the move: logging configurations keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(LockHandle.class);
  /** What {@link #lost()} says of a lock the instance's close released. */
  private static final String CLOSED = "this Cachify instance was closed, which released it";

  private final Store store;
  private final CachifyMetrics metrics;
  private final Leases leases;
  private final Lifecycle lifecycle;
  private final String key;
  private final String token;
  private final long fence;
  /** The lease kept by renewal, or {@code null} for a fixed expiry (or none). */
  private final Duration leaseTime;
  /** Held by a scope or wrapper of this process, which releases it when its body ends. */
  private final boolean scoped;
  private final long renewEveryNanos;
  private final Promise<String> lost = Promise.promise();
  /** The scheduler's registration, once renewing or watching the expiry. */
  private volatile Leases.Lease registration;
  /** When the lock ends unless renewed or extended, in {@link System#nanoTime()}; MAX = never. */
  private volatile long expiresAtNanos;
  private volatile boolean released;
  /** Guarded by this: the scheduler checks the fixed expiry ({@link #lost()} was asked). */
  private boolean watchingExpiry;
  private final long takenAtNanos = System.nanoTime();

  LockHandleImpl(Store store, CachifyMetrics metrics, Leases leases, Lifecycle lifecycle, String key, String token,
                 long fence, Duration ttl, Duration leaseTime, boolean scoped) {
    this.store = store;
    this.metrics = metrics;
    this.leases = leases;
    this.lifecycle = lifecycle;
    this.scoped = scoped;
    this.key = key;
    this.token = token;
    this.fence = fence;
    this.leaseTime = leaseTime;
    this.renewEveryNanos = leaseTime == null ? 0 : Math.max(1, leaseTime.toMillis() / 3) * 1_000_000;
    this.expiresAtNanos = ttl == null ? Long.MAX_VALUE : takenAtNanos + ttl.toNanos();
  }

  /**
   * Registers what the instance releases at close and starts a lease's renewals; call once,
   * after construction.
   *
   * @return false when the instance closed meanwhile: then release the lock ({@link #abandon()})
   */
  boolean start() {
    if (leaseTime == null && !scoped) {
      return !lifecycle.isClosed();
    }
    Leases.Lease lease = leases.hold(this);
    if (lease == null) {
      return false;
    }
    registration = lease;
    if (leaseTime != null) {
      scheduleRenewal(takenAtNanos);
    }
    return true;
  }

  /** Releases a lock nobody will get to hold (taken as the instance closed); owner-only. */
  Future<Boolean> abandon() {
    released = true;
    stop();
    return store.releaseLock(key, token);
  }

  /**
   * How a scope or wrapper ends: releases the lock, unless the instance closed meanwhile, which
   * released it already; so the body's own outcome is what its caller gets.
   */
  Future<Boolean> endScope() {
    return lifecycle.isClosed() ? Future.succeededFuture(false) : release();
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public long fence() {
    return fence;
  }

  @Override
  public boolean isRenewed() {
    return leaseTime != null;
  }

  @Override
  public Future<String> lost() {
    if (leaseTime == null && !released && !lost.future().isComplete()) {
      watchExpiry();
    }
    return lost.future();
  }

  @Override
  public Future<Boolean> release() {
    return lifecycle.whenOpen(() -> {
      boolean first = !released;
      released = true;
      stop();
      if (first && fence != 0) { // a handle rebuilt from a token (fence 0) does not know when it was taken
        metrics.lockReleased(System.nanoTime() - takenAtNanos);
      }
      return store.releaseLock(key, token);
    });
  }

  @Override
  public Future<Boolean> extend(Ttl exp) {
    Duration ttl = Objects.requireNonNull(exp, "exp").duration();
    return lifecycle.whenOpen(() -> {
      long startedAt = System.nanoTime();
      return store.extendLock(key, token, ttl).onSuccess(extended -> {
        if (extended) {
          expiresAtNanos = ttl == null ? Long.MAX_VALUE : startedAt + ttl.toNanos();
        }
      });
    });
  }

  @Override
  public boolean releaseBlocking() {
    return Blocking.await(release());
  }

  @Override
  public Future<?> close() {
    if (leaseTime == null && !scoped) {
      return Future.succeededFuture(); // registered for its lost() watch only: left to its holder
    }
    if (released) {
      return Future.succeededFuture();
    }
    released = true;
    metrics.lockReleased(System.nanoTime() - takenAtNanos);
    lost.tryComplete(CLOSED); // whoever still works under it learns it is gone
    return store.releaseLock(key, token);
  }

  @Override
  public void due(Leases.Lease lease) {
    if (released) {
      lease.end();
      return;
    }
    if (leaseTime != null) {
      renew();
    } else if (expiresAtNanos == Long.MAX_VALUE) {
      lease.unschedule(); // extended to no expiry: nothing to watch, still released at close
    } else if (System.nanoTime() - expiresAtNanos >= 0) {
      markLost("its expiry passed before it was released");
    } else {
      lease.schedule(expiresAtNanos, expiresAtNanos); // extended meanwhile
    }
  }

  /** Due a third of the lease after {@code fromNanos}; may run up to a sixth earlier, to share a tick. */
  private void scheduleRenewal(long fromNanos) {
    long by = fromNanos + renewEveryNanos;
    registration.schedule(by - renewEveryNanos / 2, by);
  }

  private void renew() {
    long startedAt = System.nanoTime();
    store.extendLock(key, token, leaseTime).onComplete(result -> {
      if (released) {
        return;
      }
      if (result.succeeded() && result.result()) {
        expiresAtNanos = startedAt + leaseTime.toNanos();
        metrics.lockRenewed();
        scheduleRenewal(startedAt);
      } else if (result.succeeded()) {
        markLost("another holder has it, or it was deleted");
      } else if (System.nanoTime() - expiresAtNanos >= 0) {
        markLost("the lease ran out while renewals failed: " + result.cause().getMessage());
      } else {
        LOG.debug("Renewing lock {} failed, retrying within its lease: {}", key, result.cause().getMessage());
        // Again a third later, and once more right at the lease's end, where a failure means lost.
        long retryAt = Math.min(startedAt + renewEveryNanos, expiresAtNanos);
        long atLeast = System.nanoTime() + 1_000_000;
        long at = retryAt - atLeast < 0 ? atLeast : retryAt;
        registration.schedule(at, at);
      }
    });
  }

  private synchronized void watchExpiry() {
    if (expiresAtNanos == Long.MAX_VALUE || watchingExpiry) {
      return;
    }
    if (registration == null) {
      registration = leases.hold(this);
      if (registration == null) {
        return; // closed: nothing watches any more
      }
    }
    watchingExpiry = true;
    registration.schedule(expiresAtNanos, expiresAtNanos);
  }

  private void markLost(String reason) {
    stop();
    if (lost.future().isComplete()) {
      return;
    }
    metrics.lockLost(); // before the signal: whoever it wakes sees the count
    if (lost.tryComplete(reason)) {
      LOG.warn("Lock {} lost: {}", key, reason);
    }
  }

  private void stop() {
    Leases.Lease current = registration;
    if (current != null) {
      current.end();
    }
  }
}
