package dev.cachify.cache.impl;

import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Shortens each write's TTL by a random part of up to {@code percent} of it, so entries written
 * together (a warm-up, a burst of misses after a deploy) do not all expire, and reload, together.
 * The effective TTL is uniform over {@code [ttl × (1 − percent/100), ttl]} in whole milliseconds:
 * never longer than asked, and at least half of it (so never below 1 ms); {@link Ttl#NEVER} stays
 * never.
 */
final class TtlJitter {

  static final int MAX_PERCENT = CachifyOptions.MAX_TTL_JITTER_PERCENT;

  static final TtlJitter NONE = new TtlJitter(0, bound -> 0);

  /**
   * TTLs of a century or more are left alone: the stores treat them as never anyway, and the
   * millisecond arithmetic stays far from overflowing.
   */
  private static final Duration LONGEST_JITTERED = Duration.ofDays(365L * 100);

  private final int percent;
  /** Given a bound {@code n > 0}, a uniform draw from {@code [0, n)}. */
  private final LongUnaryOperator random;

  /** For tests: {@code random} answers a draw from {@code [0, n)} for a bound {@code n}. */
  TtlJitter(int percent, LongUnaryOperator random) {
    this.percent = checkPercent(percent);
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Up to {@code percent} % shorter, drawn by {@link ThreadLocalRandom}; 0 turns jitter off. */
  static TtlJitter of(int percent) {
    return checkPercent(percent) == 0 ? NONE
      : new TtlJitter(percent, bound -> ThreadLocalRandom.current().nextLong(bound));
  }

  /** {@code percent} if it is from 0 to {@value #MAX_PERCENT}, else an IllegalArgumentException. */
  static int checkPercent(int percent) {
    if (percent < 0 || percent > MAX_PERCENT) {
      throw new IllegalArgumentException("TTL jitter is a percentage from 0 (off) to " + MAX_PERCENT
        + ", got " + percent);
    }
    return percent;
  }

  int percent() {
    return percent;
  }

  /** The TTL one write uses, as {@code Store} takes it: {@code null} for {@link Ttl#NEVER}. */
  Duration effective(Ttl ttl) {
    Duration asked = ttl.duration();
    if (asked == null || percent == 0 || asked.compareTo(LONGEST_JITTERED) >= 0) {
      return asked;
    }
    // Whole milliseconds, rounded down, so the shortest draw is never below ttl × (1 − p/100);
    // a TTL under 2 ms has nothing to cut and is kept as asked.
    long maxCut = asked.toMillis() * percent / 100;
    if (maxCut == 0) {
      return asked;
    }
    long cut = random.applyAsLong(maxCut + 1);
    return asked.minusMillis(cut);
  }
}
