package dev.cachify.pool;

import io.vertx.core.Future;

/**
 * One held slot of a {@link Pool}; releasing it frees the slot for another holder.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * cachify.pool("exports", 4).acquire()
 *     .compose(slot -> runExport().eventually(slot::release));
 * }</pre>
 */
public interface PoolSlot {

  /**
   * The stored key of the pool.
   *
   * @return the key the store keeps the pool under
   */
  String key();

  /**
   * The slot's id: with the key, all it takes to release it from another process
   * ({@link Pool#slot(String)}).
   *
   * @return the slot's id
   */
  String id();

  /**
   * Frees the slot. Releasing twice is harmless.
   *
   * @return true when the slot was still held (not expired, not released before); failed with a
   *         {@code StoreException}
   */
  Future<Boolean> release();
}
