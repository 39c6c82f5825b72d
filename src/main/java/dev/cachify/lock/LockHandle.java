package dev.cachify.lock;

import dev.cachify.Blocking;
import dev.cachify.Ttl;
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
 * One acquisition of a lock, identified by its random token: only this handle can release or
 * extend it, and only while the store still holds its token (a holder whose lock expired cannot
 * touch the next holder's lock).
 *
 * <p>{@link #fence()} is the acquisition's fencing token: pass it to the resource the lock guards,
 * which refuses a token lower than the highest it has seen, so a holder whose lock ran out while it
 * paused cannot overwrite the work of the holder after it.
 *
 * <p>A lock taken with {@code exp(Ttl.NEVER)} is a <b>renewed lease</b>: the store keeps it for
 * the lease time only, and this handle extends it every third of that (compare-and-expire), until
 * {@link #release()}, which stops the renewal first. {@link #lost()} completes when the lock can
 * no longer be counted on: a renewal found another holder, renewals failed until the lease ran out,
 * or a fixed expiry passed before the release.
 *
 * <pre>{@code
 * cachify.lock("nightly-export").exp(Ttl.NEVER).withLock(lock -> {
 *   lock.lost().onSuccess(reason -> abortExport());        // the lease could not be kept
 *   return export(lock.fence());                           // the store rejects stale fences
 * });
 * }</pre>
 */
public final class LockHandle {

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

  LockHandle(Vertx vertx, Store store, CachifyMetrics metrics, String key, String token, long fence, Duration ttl,
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

  public String key() {
    return key;
  }

  public String token() {
    return token;
  }

  /** The fencing token of this acquisition; 0 for a handle rebuilt from a token alone. */
  public long fence() {
    return fence;
  }

  /** True when the lock is a renewed lease ({@code exp(Ttl.NEVER)}). */
  public boolean isRenewed() {
    return lease != null;
  }

  /**
   * Completes, with the reason, when this lock is lost while still held: a renewal found another
   * holder or none, renewals failed until the lease ran out, or the fixed expiry passed. Never
   * completes once {@link #release()} was called.
   */
  public Future<String> lost() {
    if (lease == null && expiryTimer < 0 && expiresAtNanos != Long.MAX_VALUE && !released) {
      armExpiryWatch();
    }
    return lost.future();
  }

  /** Releases the lock if still ours: true when it was. Releasing twice is harmless. */
  public Future<Boolean> release() {
    boolean first = !released;
    released = true;
    stopTimers();
    if (first && fence != 0) { // a handle rebuilt from a token (fence 0) does not know when it was taken
      metrics.lockReleased(System.nanoTime() - takenAtNanos);
    }
    return store.releaseLock(key, token);
  }

  /** Sets the lock's expiry to {@code exp} from now if still ours: true when it was. */
  public Future<Boolean> extend(Ttl exp) {
    Duration ttl = Objects.requireNonNull(exp, "exp").duration();
    long startedAt = System.nanoTime();
    return store.extendLock(key, token, ttl).onSuccess(extended -> {
      if (extended) {
        expiresAtNanos = ttl == null ? Long.MAX_VALUE : startedAt + ttl.toNanos();
      }
    });
  }

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
