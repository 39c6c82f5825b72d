package dev.cachify.cache.impl;

import io.vertx.core.buffer.Buffer;

/**
 * What one load of a key ends with, handed to every caller that joined it: the value and, when
 * the load encoded it (to store it) or found it stored, those bytes, so that
 * {@code callEncoded} answers them without a second encoding.
 */
final class Loaded {

  /** A null result (or a stored null). */
  static final Loaded NULL = new Loaded(null, null);

  /** The value; {@code null} for a null result. */
  final Object value;
  /** The value's encoding as stored or found; {@code null} when the load encoded none. */
  final Buffer bytes;

  Loaded(Object value, Buffer bytes) {
    this.value = value;
    this.bytes = bytes;
  }

  /** A value the load did not encode (a read-through: nothing was stored). */
  static Loaded unencoded(Object value) {
    return value == null ? NULL : new Loaded(value, null);
  }

  /** An entry found stored: {@code entry} as {@link CacheEntries#decode} answers, read from {@code bytes}. */
  static Loaded found(Object entry, Buffer bytes) {
    return entry == CacheEntries.NULL ? NULL : new Loaded(entry, bytes);
  }
}
