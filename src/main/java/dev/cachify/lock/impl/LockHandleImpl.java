package dev.cachify.lock.impl;

import dev.cachify.Blocking;
import dev.cachify.Ttl;
import dev.cachify.lock.LockHandle;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link LockHandle}: one acquisition by its token. A renewed lease ({@code exp(Ttl.NEVER)}) is
 * extended every third of the lease until released; {@link #lost()} is watched by a timer armed
 * only once someone asks for it.
 */
final class LockHandleImpl implements LockHandle {

  /** Under the API type's name, as before the move: logging configurations keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(LockHandle.class);

  private final Vertx vertx;
  private final Store store;
  private final CachifyMetrics metrics;
  private final String key;
  private final String token;
  private final long fence;
  /** The lease kept by renewal, or {@code null} for a fixed expiry (or none). */
  private final Duration lease;
  private final Promise<String> lost = Promise.promise();
  private volatile long renewalTimer = -1;
  /** When the lock ends unless renewed or extended, in {@link System#nanoTime()}; MAX = never. */
  private volatile long expiresAtNanos;
  private volatile long expiryTimer = -1;
  private volatile boolean released;
  private final long takenAtNanos = System.nanoTime();

  LockHandleImpl(Vertx vertx, Store store, CachifyMetrics metrics, String key, String token, long fence, Duration ttl,
                 Duration lease) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.key = key;
    this.token = token;
    this.fence = fence;
    this.lease = lease;
    this.expiresAtNanos = ttl == null ? Long.MAX_VALUE : System.nanoTime() + ttl.toNanos();
    if (lease != null) {
      long every = Math.max(1, lease.toMillis() / 3);
      renewalTimer = vertx.setPeriodic(every, every, id -> renew());
    }
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
    return lease != null;
  }

  @Override
  public Future<String> lost() {
    if (lease == null && expiryTimer < 0 && expiresAtNanos != Long.MAX_VALUE && !released) {
      armExpiryWatch();
    }
    return lost.future();
  }

  @Override
  public Future<Boolean> release() {
    boolean first = !released;
    released = true;
    stopTimers();
    if (first && fence != 0) { // a handle rebuilt from a token (fence 0) does not know when it was taken
      metrics.lockReleased(System.nanoTime() - takenAtNanos);
    }
    return store.releaseLock(key, token);
  }

  @Override
  public Future<Boolean> extend(Ttl exp) {
    Duration ttl = Objects.requireNonNull(exp, "exp").duration();
    long startedAt = System.nanoTime();
    return store.extendLock(key, token, ttl).onSuccess(extended -> {
      if (extended) {
        expiresAtNanos = ttl == null ? Long.MAX_VALUE : startedAt + ttl.toNanos();
      }
    });
  }

  @Override
  public boolean releaseBlocking() {
    return Blocking.await(release());
  }

  private void renew() {
    if (released) {
      return;
    }
    long startedAt = System.nanoTime();
    store.extendLock(key, token, lease).onComplete(result -> {
      if (released) {
        return;
      }
      if (result.succeeded() && result.result()) {
        expiresAtNanos = startedAt + lease.toNanos();
        metrics.lockRenewed();
      } else if (result.succeeded()) {
        markLost("another holder has it, or it was deleted");
      } else if (System.nanoTime() - expiresAtNanos >= 0) {
        markLost("the lease ran out while renewals failed: " + result.cause().getMessage());
      } else {
        LOG.debug("Renewing lock {} failed, retrying within its lease: {}", key, result.cause().getMessage());
      }
    });
  }

  private void armExpiryWatch() {
    long delayMillis = Math.max(1, (expiresAtNanos - System.nanoTime() + 999_999) / 1_000_000);
    expiryTimer = vertx.setTimer(delayMillis, id -> {
      expiryTimer = -1;
      if (released) {
        return;
      }
      if (System.nanoTime() - expiresAtNanos >= 0) {
        markLost("its expiry passed before it was released");
      } else {
        armExpiryWatch(); // extended meanwhile
      }
    });
  }

  private void markLost(String reason) {
    stopTimers();
    if (lost.future().isComplete()) {
      return;
    }
    metrics.lockLost(); // before the signal: whoever it wakes sees the count
    if (lost.tryComplete(reason)) {
      LOG.warn("Lock {} lost: {}", key, reason);
    }
  }

  private void stopTimers() {
    if (renewalTimer >= 0) {
      vertx.cancelTimer(renewalTimer);
      renewalTimer = -1;
    }
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
      expiryTimer = -1;
    }
  }
}
