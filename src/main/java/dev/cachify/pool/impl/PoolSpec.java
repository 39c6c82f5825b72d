package dev.cachify.pool.impl;

import dev.cachify.Ttl;
import dev.cachify.impl.Leases;
import io.vertx.core.Future;

import java.util.UUID;

/** A pool's size limit and slot expiry over the instance's store: the part shared by every pool form. */
final class PoolSpec {

  private final Pools pools;
  private final int maxSize;
  private final Ttl slotExp;
  /** The pool's key or the wrapper's template: how the metrics name it. */
  private final String name;

  PoolSpec(Pools pools, int maxSize, Ttl slotExp, String name) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a pool's max size must be at least 1, got " + maxSize);
    }
    this.pools = pools;
    this.maxSize = maxSize;
    this.slotExp = slotExp;
    this.name = name;
  }

  PoolSpec withSlotExp(Ttl slotExp) {
    return new PoolSpec(pools, maxSize, slotExp, name);
  }

  Pools pools() {
    return pools;
  }

  int maxSize() {
    return maxSize;
  }

  /**
   * A held slot, or {@code null} when the pool is full.
   *
   * @param scoped whether a scope or wrapper of this process holds it until its body ends (the
   *               instance's close then frees it); false for a bare {@code acquire()}
   */
  Future<PoolSlotImpl> tryAcquire(String key, boolean scoped) {
    return pools.lifecycle().whenOpen(() -> pools.store()
      .acquireSlot(key, UUID.randomUUID().toString(), maxSize, slotExp.duration())
      .compose(slotId -> {
        if (slotId == null) {
          pools.metrics().poolFull(name);
          return Future.succeededFuture();
        }
        PoolSlotImpl slot = new PoolSlotImpl(pools, key, slotId);
        Leases.Lease lease = scoped ? pools.leases().hold(slot) : null;
        if (scoped ? lease == null : pools.lifecycle().isClosed()) {
          // The instance closed while the store took it: nobody will hold it.
          return pools.store().releaseSlot(key, slotId)
            .transform(released -> Future.failedFuture(pools.lifecycle().closedError()));
        }
        slot.registered(lease);
        return Future.succeededFuture(slot);
      }));
  }

  Future<Integer> size(String key) {
    return pools.lifecycle().whenOpen(() -> pools.store().poolSize(key, maxSize));
  }
}
