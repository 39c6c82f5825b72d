package dev.cachify.pool;

import dev.cachify.CachifyException;

/** Every slot of a pool is held. */
public class PoolFullException extends CachifyException {

  private final String key;
  private final int maxSize;

  /**
   * @param key     the stored key of the pool
   * @param maxSize its size limit
   */
  public PoolFullException(String key, int maxSize) {
    super(key + " is full (max_size=" + maxSize + ")");
    this.key = key;
    this.maxSize = maxSize;
  }

  /** @return the stored key of the pool that is full */
  public String key() {
    return key;
  }

  /** @return the pool's size limit */
  public int maxSize() {
    return maxSize;
  }
}
