package dev.cachify;

/** Base of every error this library raises on purpose; catch it to handle them all. */
public class CachifyException extends RuntimeException {

  public CachifyException(String message) {
    super(message);
  }

  public CachifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
