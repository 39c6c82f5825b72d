package dev.cachify.store.impl;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fencing tokens for stores that keep locks in this process: each one more than the last, and at
 * least the wall clock in microseconds, so tokens keep growing across restarts of the process
 * (as long as its clock does not go back further than the restart took).
 */
public final class FencingSequence {

  private final AtomicLong last = new AtomicLong();

  /** {@return the next token: above every token drawn before} */
  public long next() {
    return last.accumulateAndGet(nowMicros(), (previous, now) -> Math.max(previous + 1, now));
  }

  /**
   * The token after {@code previous} at this moment: the rule every store follows.
   *
   * @param previous the last token drawn for the key, 0 when none
   * @return one more than {@code previous}, or the clock in microseconds when that is higher
   */
  public static long after(long previous) {
    return Math.max(previous + 1, nowMicros());
  }

  static long nowMicros() {
    return System.currentTimeMillis() * 1_000;
  }
}
