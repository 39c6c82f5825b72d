package dev.cachify.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Turns a cached value into bytes and back (py-cachify's {@code enc_dec}). Must be pure: the
 * memory store may decode an entry once and hand the same object to later hits. Failures should
 * be thrown as {@link CodecException}; anything else thrown is wrapped into one. A value that does
 * not encode fails the call and stores nothing; bytes that no longer decode (a changed class) are
 * treated as a miss and overwritten. JSON ({@link JsonCodec}) is the default.
 *
 * <pre>{@code
 * Codec<User> users = JsonCodec.of(User.class);
 * cachify.cached("read_user-{userId}").codec(users).wrap(...);
 * }</pre>
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

  /**
   * The bytes to store for {@code value}.
   *
   * @param value the value, never {@code null} (cached nulls are stored as a marker of cachify's)
   * @return the bytes
   * @throws CodecException when {@code value} cannot be encoded
   */
  Buffer encode(T value);

  /**
   * The value {@code bytes} stand for.
   *
   * @param bytes bytes this codec encoded, though perhaps from an older version of the type
   * @return the value
   * @throws CodecException when {@code bytes} cannot be decoded
   */
  T decode(Buffer bytes);
}
