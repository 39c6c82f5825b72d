package dev.cachify.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Turns a cached value into bytes and back (py-cachify's {@code enc_dec}). Must be pure: the
 * memory store may decode an entry once and hand the same object to later hits. Failures should
 * be thrown as {@link CodecException}; anything else thrown is wrapped into one.
 *
 * <pre>{@code
 * Codec<User> users = JsonCodec.of(User.class);
 * }</pre>
 */
public interface Codec<T> {

  Buffer encode(T value);

  T decode(Buffer bytes);
}
