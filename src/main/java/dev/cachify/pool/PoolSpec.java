package dev.cachify.pool;

import dev.cachify.Ttl;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.UUID;

/** A pool's size limit and slot expiry over a store: the part shared by every pool form. */
final class PoolSpec {

  private final Store store;
  private final int maxSize;
  private final Ttl slotExp;
  /** The pool's key or the wrapper's template: how the metrics name it. */
  private final String name;
  private final CachifyMetrics metrics;

  PoolSpec(Store store, int maxSize, Ttl slotExp, String name, CachifyMetrics metrics) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a pool's max size must be at least 1, got " + maxSize);
    }
    this.store = store;
    this.maxSize = maxSize;
    this.slotExp = slotExp;
    this.name = name;
    this.metrics = metrics;
  }

  PoolSpec withSlotExp(Ttl slotExp) {
    return new PoolSpec(store, maxSize, slotExp, name, metrics);
  }

  Store store() {
    return store;
  }

  int maxSize() {
    return maxSize;
  }

  /** A held slot, or {@code null} when the pool is full. */
  Future<PoolSlot> tryAcquire(String key) {
    return store.acquireSlot(key, UUID.randomUUID().toString(), maxSize, slotExp.duration())
      .map(slotId -> {
        if (slotId == null) {
          metrics.poolFull(name);
          return null;
        }
        return new PoolSlot(store, key, slotId);
      });
  }

  Future<Integer> size(String key) {
    return store.poolSize(key, maxSize);
  }
}
