package dev.cachify.store.shareddata;

import java.time.Duration;

/** TTLs as the async map takes them: whole milliseconds, at least 1, 0 meaning never. */
final class TtlMillis {

  /** Never: {@code 0} is "no expiry" for Hazelcast and is what the callers test for. */
  static final long NEVER = 0;

  /** TTLs this long or longer count as never, so no timer or clock arithmetic overflows. */
  private static final Duration FOREVER = Duration.ofDays(365L * 100);

  private TtlMillis() {
  }

  /** Rounded up, so a lock never lives shorter than asked; {@code null} means {@link #NEVER}. */
  static long of(Duration ttl) {
    if (ttl == null || ttl.compareTo(FOREVER) >= 0) {
      return NEVER;
    }
    long millis = ttl.toMillis();
    if (!ttl.minusMillis(millis).isZero()) {
      millis++;
    }
    return Math.max(1, millis);
  }
}
