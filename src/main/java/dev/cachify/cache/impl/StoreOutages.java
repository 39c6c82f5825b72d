package dev.cachify.cache.impl;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the store failures that cached calls answered through by running their functions. One
 * per {@code Cachify} instance, shared by its cached functions; the outage itself is logged by the
 * instance's {@code ObservedStore}.
 */
final class StoreOutages {

  private final LongAdder failures = new LongAdder();

  /** A cached call met a store failure and answers by running its function. */
  void failed() {
    failures.increment();
  }

  /** How many times a cached call met a store failure and answered by running its function. */
  long storeFailures() {
    return failures.sum();
  }
}
