package dev.cachify.pool;

import dev.cachify.store.Store;
import io.vertx.core.Future;

/** One held slot of a pool; releasing it frees the slot for another holder. */
public final class PoolSlot {

  private final Store store;
  private final String key;
  private final String slotId;

  PoolSlot(Store store, String key, String slotId) {
    this.store = store;
    this.key = key;
    this.slotId = slotId;
  }

  public String key() {
    return key;
  }

  /** The slot's id: with the key, all it takes to release it from another process. */
  public String id() {
    return slotId;
  }

  /** True when the slot was still held (not expired, not released before). */
  public Future<Boolean> release() {
    return store.releaseSlot(key, slotId);
  }
}
