package dev.cachify;

/**
 * Base of every error this library raises on purpose; catch it to handle them all. Its subclasses
 * say what went wrong: {@code CachifyLockException} (a lock is held), {@code PoolFullException},
 * {@code StoreException} (the store cannot answer), {@code CodecException},
 * {@code KeyTemplateException}.
 *
 * <pre>{@code
 * readUser.call(id).recover(e -> e instanceof CachifyException ? fallback(id) : Future.failedFuture(e));
 * }</pre>
 */
public class CachifyException extends RuntimeException {

  /**
   * An error with {@code message}.
   *
   * @param message what went wrong
   */
  public CachifyException(String message) {
    super(message);
  }

  /**
   * An error with {@code message}, caused by {@code cause}.
   *
   * @param message what went wrong
   * @param cause   the error underneath, e.g. the driver's
   */
  public CachifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
