package dev.cachify.lock;

import dev.cachify.CachifyException;

/** A lock (or {@code once}) could not be taken: another holder has it. */
public class CachifyLockException extends CachifyException {

  private final String key;

  /** @param key the stored key of the lock that is held */
  public CachifyLockException(String key) {
    super(key + " is already locked!");
    this.key = key;
  }

  /**
   * The stored key of the lock.
   *
   * @return the key another holder has
   */
  public String key() {
    return key;
  }
}
