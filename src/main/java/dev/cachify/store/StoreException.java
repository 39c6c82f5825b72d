package dev.cachify.store;

import dev.cachify.CachifyException;

/**
 * A store could not answer: unreachable, timed out, or refused the command. The message names the
 * store and the operation; the cause carries the driver's error. Stores fail their futures with it
 * within their timeout. Cached reads read through it (the function runs, nothing is stored); locks,
 * {@code once}, pools and resets fail with it.
 *
 * <pre>{@code
 * cachify.lock("report-job").acquire()
 *     .onFailure(e -> log.warn(e instanceof StoreException ? "store down: {}" : "busy: {}", e.getMessage()));
 * }</pre>
 */
public class StoreException extends CachifyException {

  /**
   * A store failure without an underlying error.
   *
   * @param message the store, the operation, the key and what went wrong
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * A store failure caused by {@code cause}.
   *
   * @param message the store, the operation, the key and what went wrong
   * @param cause   the driver's error
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
