package dev.cachify.store.memory;

import java.time.Duration;

/**
 * Expiry instants on the store's ticker (nanoseconds, arbitrary origin). Instants are compared by
 * subtraction, as {@link System#nanoTime()} values must be; {@link #NEVER} is a sentinel.
 */
final class Deadlines {

  /** The instant of an entry that never expires. */
  static final long NEVER = Long.MAX_VALUE;

  /** TTLs this long (about 73 years) or longer count as never: keeps the arithmetic overflow-free. */
  private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE >> 2);

  private Deadlines() {
  }

  /** The instant {@code ttl} after {@code now}; {@code null} means never. */
  static long after(long now, Duration ttl) {
    if (ttl == null || ttl.compareTo(FOREVER) >= 0) {
      return NEVER;
    }
    long deadline = now + ttl.toNanos();
    // The sentinel must not be hit by accident when the ticker sits near Long.MAX_VALUE.
    return deadline == NEVER ? NEVER - 1 : deadline;
  }

  static boolean passed(long deadline, long now) {
    return deadline != NEVER && now - deadline >= 0;
  }

  /** Nanoseconds left at {@code now}; {@link Long#MAX_VALUE} for never (what Caffeine expects). */
  static long remaining(long deadline, long now) {
    return deadline == NEVER ? Long.MAX_VALUE : Math.max(0, deadline - now);
  }

  /** The later of two instants. */
  static long later(long a, long b) {
    if (a == NEVER || b == NEVER) {
      return NEVER;
    }
    return a - b >= 0 ? a : b;
  }
}
