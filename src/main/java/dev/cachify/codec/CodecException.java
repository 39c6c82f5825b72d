package dev.cachify.codec;

import dev.cachify.CachifyException;

/**
 * A value could not be encoded for the store, or stored bytes could not be decoded. A cached call
 * whose result does not encode fails with it (nothing is stored); the message names the key. A
 * codec of your own throws it with its own error as the cause:
 *
 * <pre>{@code
 * public User decode(Buffer bytes) {
 *   try {
 *     return User.parseFrom(bytes.getBytes());
 *   } catch (InvalidProtocolBufferException e) {
 *     throw new CodecException("not a User: " + e.getMessage(), e);
 *   }
 * }
 * }</pre>
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
