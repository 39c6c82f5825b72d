package dev.cachify.metrics;

/**
 * The figures of one {@code cached} wrapper; see {@link CachifyMetrics#cache(String)}. Every method
 * has a do-nothing default; calls come from event-loop threads and must not block.
 *
 * <pre>{@code
 * CacheMeter meter = new CacheMeter() {
 *   public void miss() { misses.increment(); }
 * };
 * }</pre>
 */
public interface CacheMeter {

  /** Records nothing. */
  CacheMeter NONE = new CacheMeter() {
  };

  /** A call was answered from the store. */
  default void hit() {
  }

  /** A call found no entry: it loads, or joins a load under way. */
  default void miss() {
  }

  /**
   * A missed call waited for another caller's load instead of loading: in this JVM, or across the
   * cluster with cluster single-flight.
   */
  default void coalesced() {
  }

  /**
   * The function ran on a miss.
   *
   * @param nanos  how long it ran, in nanoseconds
   * @param failed whether it failed
   */
  default void loaded(long nanos, boolean failed) {
  }
}
