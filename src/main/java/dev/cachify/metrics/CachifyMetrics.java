package dev.cachify.metrics;

/**
 * What a {@link dev.cachify.Cachify} instance reports as it works: cache hits, misses and loads,
 * lock waits and holds, refusals, lease renewals and losses, store errors. Every method has a
 * do-nothing default, so an implementation overrides what it records; {@link #NONE} (the default
 * of {@link dev.cachify.CachifyOptions}) records nothing. Calls come from event-loop threads and
 * must not block.
 *
 * <pre>{@code
 * new CachifyOptions().setMetrics(new MicrometerCachifyMetrics(registry));
 * }</pre>
 */
public interface CachifyMetrics {

  /** Records nothing. */
  CachifyMetrics NONE = new CachifyMetrics() {
  };

  /**
   * The meter of one {@code cached} wrapper, asked once when the wrapper is built, so that a hit
   * costs no lookup. {@code name} is the wrapper's key template: a bounded set of names.
   */
  default CacheMeter cache(String name) {
    return CacheMeter.NONE;
  }

  /** A lock was taken, {@code waitNanos} after it was asked for (about 0 for a free lock). */
  default void lockAcquired(long waitNanos) {
  }

  /** A lock was not taken: held by another (nowait) or still held at the timeout. */
  default void lockRefused(long waitNanos) {
  }

  /** A lock was released by its holder, {@code heldNanos} after it was taken. */
  default void lockReleased(long heldNanos) {
  }

  /** A renewed lease was extended by its holder. */
  default void lockRenewed() {
  }

  /** A held lock was lost: taken away, or its lease or expiry ran out before the release. */
  default void lockLost() {
  }

  /** A {@code once} call was refused because another call of its key was running. */
  default void onceRefused(String name) {
  }

  /** A pool had no free slot for a caller. */
  default void poolFull(String name) {
  }

  /** A store operation failed ({@code operation}: get, set, acquireLock...). */
  default void storeError(String operation) {
  }
}
