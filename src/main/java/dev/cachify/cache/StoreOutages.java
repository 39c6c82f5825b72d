package dev.cachify.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the store failures that cached calls answered through by running their functions, and
 * logs the outage once: a WARN when the store starts failing, an INFO when it answers again, never
 * a line per call. One per {@code Cachify} instance, shared by its cached functions.
 */
public final class StoreOutages {

  private static final Logger LOG = LoggerFactory.getLogger(StoreOutages.class);
  /**
   * A store answer counts as the end of an outage only this long after its last failure: answers
   * to commands sent before Redis died can arrive just after the first failure, and must not log
   * an end and a new start.
   */
  private static final long CALM_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LongAdder failures = new LongAdder();
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile long downSinceNanos;
  private volatile long lastFailureNanos;
  private volatile long failuresAtStart;

  /** A cached call met a store failure and answers by running its function. */
  void failed(String key, Throwable failure) {
    failures.increment();
    long now = System.nanoTime();
    lastFailureNanos = now;
    if (!down.get() && down.compareAndSet(false, true)) {
      downSinceNanos = now;
      failuresAtStart = failures.sum() - 1;
      LOG.warn("Cache store failing, cached calls read through (they run their functions and store nothing) "
        + "until it answers again; first failure on '{}': {}", key, failure.getMessage());
    }
  }

  /** A cached call's store operation answered: ends an outage a second after its last failure. */
  void answered() {
    if (down.get()) {
      long now = System.nanoTime();
      if (now - lastFailureNanos >= CALM_NANOS && down.compareAndSet(true, false)) {
        LOG.info("Cache store answers again, {} ms after it started failing; {} cached calls read through meanwhile",
          TimeUnit.NANOSECONDS.toMillis(now - downSinceNanos), failures.sum() - failuresAtStart);
      }
    }
  }

  /** How many times a cached call met a store failure and answered by running its function. */
  public long storeFailures() {
    return failures.sum();
  }
}
