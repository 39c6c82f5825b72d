package dev.cachify.codec;

import dev.cachify.CachifyException;

/**
 * A value could not be encoded for the store, or stored bytes could not be decoded. A cached call
 * whose result does not encode fails with it (nothing is stored); the message names the key.
 */
public class CodecException extends CachifyException {

  /**
   * An encoding or decoding failure.
   *
   * @param message what could not be encoded or decoded, and why
   * @param cause   the codec's own error
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
