package dev.cachify;

/**
 * A call reached a {@link Cachify} instance after its {@link Cachify#close()}, or through a
 * wrapper, lock, pool or entry made from it; or a wait on a lock was cut short by the close.
 */
public class CachifyClosedException extends CachifyException {

  public CachifyClosedException(String message) {
    super(message);
  }
}
