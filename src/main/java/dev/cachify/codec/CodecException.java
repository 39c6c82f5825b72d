package dev.cachify.codec;

import dev.cachify.CachifyException;

/** A value could not be encoded for the store, or stored bytes could not be decoded. */
public class CodecException extends CachifyException {

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
