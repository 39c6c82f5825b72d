package dev.cachify.pool.impl;

import dev.cachify.impl.Leases;
import dev.cachify.pool.PoolSlot;
import io.vertx.core.Future;

/**
 * {@link PoolSlot}: a slot id under a pool's key. A slot a scope or wrapper holds is registered
 * with the instance's {@link Leases}, whose close frees it.
 */
final class PoolSlotImpl implements PoolSlot, Leases.Holder {

  private final Pools pools;
  private final String key;
  private final String slotId;
  /** Set for a scope's slot: the instance frees it at close. */
  private volatile Leases.Lease registration;

  PoolSlotImpl(Pools pools, String key, String slotId) {
    this.pools = pools;
    this.key = key;
    this.slotId = slotId;
  }

  void registered(Leases.Lease lease) {
    this.registration = lease;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String id() {
    return slotId;
  }

  @Override
  public Future<Boolean> release() {
    return pools.lifecycle().whenOpen(() -> {
      Leases.Lease lease = registration;
      if (lease != null) {
        lease.end();
      }
      return pools.store().releaseSlot(key, slotId);
    });
  }

  /**
   * How a scope or wrapper ends: frees the slot, unless the instance closed meanwhile, which freed
   * it already; so the body's own outcome is what its caller gets.
   */
  Future<Boolean> endScope() {
    return pools.lifecycle().isClosed() ? Future.succeededFuture(false) : release();
  }

  @Override
  public Future<?> close() {
    return pools.store().releaseSlot(key, slotId);
  }
}
