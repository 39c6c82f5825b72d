package dev.cachify.lock.impl;

import dev.cachify.Ttl;

import java.time.Duration;
import java.util.Objects;

/** How a lock is taken: at once or waiting (up to a timeout), and how long it lives. */
final class LockSettings {

  private boolean nowait = true;
  private Duration timeout;
  private Ttl exp;

  LockSettings(Ttl defaultExp) {
    this.exp = defaultExp;
  }

  /** A snapshot, so a wrapper keeps the settings it was built with. */
  LockSettings copy() {
    LockSettings copy = new LockSettings(exp);
    copy.nowait = nowait;
    copy.timeout = timeout;
    return copy;
  }

  void nowait(boolean nowait) {
    this.nowait = nowait;
  }

  void timeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("a lock timeout must not be negative, got " + timeout);
    }
    this.timeout = timeout;
  }

  void exp(Ttl exp) {
    this.exp = Objects.requireNonNull(exp, "exp (use Ttl.NEVER for no expiry)");
  }

  /** True (the default): fail at once when held; {@link #timeout} is then ignored. */
  boolean nowait() {
    return nowait;
  }

  /** How long a waiting locker waits; {@code null} = forever, zero = one attempt. */
  Duration timeout() {
    return timeout;
  }

  Ttl exp() {
    return exp;
  }
}
