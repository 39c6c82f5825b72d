package dev.cachify.impl;

import dev.cachify.CachifyClosedException;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether a {@code Cachify} instance is still open: the one check its entry points, wrappers,
 * locks and pools (and the cache side) make before doing anything, and the hooks its waits
 * register to end when it closes. Closing is one-way.
 *
 * <pre>{@code
 * lifecycle.checkOpen();                                    // throws CachifyClosedException
 * return lifecycle.whenOpen(() -> store.isLocked(key));     // or a failed future
 * }</pre>
 */
public final class Lifecycle {

  /** A hook's registration; remove it when what it would end has ended by itself. */
  public interface Registration {
    void remove();
  }

  private final String message;
  private final Set<Runnable> hooks = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** @param prefix the instance's key prefix, which the closed error names */
  public Lifecycle(String prefix) {
    this.message = "this Cachify instance (prefix '" + prefix + "') is closed";
  }

  public boolean isClosed() {
    return closed;
  }

  /** The error every call after the close gets. */
  public CachifyClosedException closedError() {
    return new CachifyClosedException(message);
  }

  /** Throws {@link CachifyClosedException} once closed: for calls that answer no future. */
  public void checkOpen() {
    if (closed) {
      throw closedError();
    }
  }

  /** {@code call}'s future while open; a failed one with {@link CachifyClosedException} once closed. */
  public <T> Future<T> whenOpen(Supplier<Future<T>> call) {
    return closed ? Future.failedFuture(closedError()) : call.get();
  }

  /**
   * Runs {@code hook} when the instance closes (on the closing thread).
   *
   * @return its registration; {@code null} when already closed (the hook may not run then)
   */
  public Registration onClose(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    hooks.add(hook);
    if (closed) {
      hooks.remove(hook);
      return null;
    }
    return () -> hooks.remove(hook);
  }

  /**
   * Closes: later checks fail, and every registered hook runs once.
   *
   * @return true for the call that closed it, false when it was closed already
   */
  public boolean close() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    for (Runnable hook : hooks) {
      if (hooks.remove(hook)) {
        hook.run();
      }
    }
    return true;
  }
}
