package dev.cachify.pool;

import dev.cachify.CachifyException;

/** Every slot of a pool is held. */
public class PoolFullException extends CachifyException {

  private final String key;
  private final int maxSize;

  public PoolFullException(String key, int maxSize) {
    super(key + " is full (max_size=" + maxSize + ")");
    this.key = key;
    this.maxSize = maxSize;
  }

  public String key() {
    return key;
  }

  public int maxSize() {
    return maxSize;
  }
}
