package dev.cachify.store;

import dev.cachify.CachifyException;

/**
 * A store could not answer: unreachable, timed out, or refused the command. The message names the
 * store and the operation; the cause carries the driver's error.
 */
public class StoreException extends CachifyException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
