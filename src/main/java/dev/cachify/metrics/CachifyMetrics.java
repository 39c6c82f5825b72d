package dev.cachify.metrics;

/**
 * What a {@link dev.cachify.Cachify} instance reports as it works: cache hits, misses and loads,
 * lock waits and holds, refusals, lease renewals and losses, store errors. Every method has a
 * do-nothing default, so an implementation overrides what it records; {@link #NONE} (the default
 * of {@link dev.cachify.CachifyOptions}) records nothing. Calls come from event-loop threads and
 * must not block.
 *
 * <pre>{@code
 * new CachifyOptions().setMetrics(new MicrometerCachifyMetrics(registry, store.name()));
 * }</pre>
 */
public interface CachifyMetrics {

  /** Records nothing. */
  CachifyMetrics NONE = new CachifyMetrics() {
  };

  /**
   * The meter of one {@code cached} wrapper, asked once when the wrapper is built, so that a hit
   * costs no lookup. The default records nothing.
   *
   * @param name the wrapper's key template ({@code read_user-{userId}}): a bounded set of names
   * @return the wrapper's meter
   */
  default CacheMeter cache(String name) {
    return CacheMeter.NONE;
  }

  /**
   * A lock was taken.
   *
   * @param waitNanos nanoseconds since it was asked for (about 0 for a free lock)
   */
  default void lockAcquired(long waitNanos) {
  }

  /**
   * A lock was not taken: held by another (nowait) or still held at the timeout.
   *
   * @param waitNanos nanoseconds since it was asked for
   */
  default void lockRefused(long waitNanos) {
  }

  /**
   * A lock was released by its holder.
   *
   * @param heldNanos nanoseconds since it was taken
   */
  default void lockReleased(long heldNanos) {
  }

  /** A renewed lease was extended by its holder. */
  default void lockRenewed() {
  }

  /** A held lock was lost: taken away, or its lease or expiry ran out before the release. */
  default void lockLost() {
  }

  /**
   * A {@code once} call was refused because another call of its key was running.
   *
   * @param name the {@code once} wrapper's key template
   */
  default void onceRefused(String name) {
  }

  /**
   * A pool had no free slot for a caller.
   *
   * @param name the pool's key ({@code pool}) or key template ({@code pooled})
   */
  default void poolFull(String name) {
  }

  /**
   * A store operation failed with a {@code StoreException}: unreachable, timed out, refused.
   *
   * @param operation the {@code Store} method that failed: {@code get}, {@code set},
   *                  {@code acquireLock}...
   */
  default void storeError(String operation) {
  }
}
