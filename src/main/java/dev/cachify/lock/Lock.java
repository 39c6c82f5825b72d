package dev.cachify.lock;

import dev.cachify.impl.Guarded;
import dev.cachify.Blocking;
import dev.cachify.Ttl;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A lock under a fixed key (py-cachify's {@code with lock(key)}): configure, then acquire, or run
 * a scope that always releases. Not re-entrant: the same caller taking it twice waits or fails
 * like anyone else.
 *
 * <pre>{@code
 * cachify.lock("orders").nowait(false).timeout(Duration.ofSeconds(2)).exp(Ttl.seconds(10))
 *     .withLock(() -> rebuildOrders());
 * }</pre>
 */
public final class Lock {

  private final Locker locker;
  private final String key;
  private final LockSettings settings;

  public Lock(Locker locker, String key, Ttl defaultExp) {
    this.locker = locker;
    this.key = key;
    this.settings = new LockSettings(defaultExp);
  }

  /** True (the default): fail at once when held. False: wait up to {@link #timeout}. */
  public Lock nowait(boolean nowait) {
    settings.nowait(nowait);
    return this;
  }

  /** How long to wait when not {@code nowait}; {@code null} (default) = forever, zero = one try. */
  public Lock timeout(Duration timeout) {
    settings.timeout(timeout);
    return this;
  }

  /**
   * How long the lock lives; default: the instance's lock expiration (30 s). {@code Ttl.NEVER}:
   * no fixed expiry, a lease renewed by the holder until it releases (see {@link LockHandle}).
   */
  public Lock exp(Ttl exp) {
    settings.exp(exp);
    return this;
  }

  /** The stored key. */
  public String key() {
    return key;
  }

  public Future<LockHandle> acquire() {
    return locker.acquire(key, settings);
  }

  /**
   * The handle of an acquisition made elsewhere, e.g. over the event bus, known by its token: it
   * releases or extends the lock only while the store still holds that token.
   */
  public LockHandle handle(String token) {
    return locker.handle(key, Objects.requireNonNull(token, "token"));
  }

  /** True while anyone holds this lock. */
  public Future<Boolean> isLocked() {
    return locker.store().isLocked(key);
  }

  /** Runs {@code body} holding the lock, and releases it when the body's future completes. */
  public <T> Future<T> withLock(Supplier<Future<T>> body) {
    return acquire().compose(handle -> Guarded.run(body).eventually(handle::release));
  }

  /**
   * The same, handing the body the lock: its {@link LockHandle#fence() fence} for the resource it
   * guards, and {@link LockHandle#lost()} to stop when the lock can no longer be counted on.
   */
  public <T> Future<T> withLock(Function<LockHandle, Future<T>> body) {
    return acquire().compose(handle -> Guarded.run(() -> body.apply(handle)).eventually(handle::release));
  }

  public LockHandle acquireBlocking() {
    return Blocking.await(acquire());
  }

  public boolean isLockedBlocking() {
    return Blocking.await(isLocked());
  }

  /** Runs {@code body} on this thread holding the lock, and always releases it. */
  public <T> T withLockBlocking(Supplier<T> body) {
    LockHandle handle = acquireBlocking();
    try {
      return body.get();
    } finally {
      Blocking.await(handle.release());
    }
  }
}
