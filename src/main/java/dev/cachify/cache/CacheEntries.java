package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.codec.CodecException;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * How one {@code cached} function reads and writes its entries: the codec, the TTL, and null
 * results (stored as a marker no codec produces, and only when null caching is on).
 */
final class CacheEntries<R> {

  private static final Logger LOG = LoggerFactory.getLogger(CacheEntries.class);
  private static final byte[] NULL_BYTES = "\u0000cachify:null".getBytes(StandardCharsets.UTF_8);
  /** What {@link #decoder} answers for a stored null; {@code null} itself means "miss". */
  static final Object NULL = new Object();

  private final Store store;
  private final Codec<R> codec;
  private final Ttl ttl;
  private final Ttl nullTtl;
  /** One instance per function, so the memory store can remember decoded values per decoder. */
  final Function<Buffer, Object> decoder = this::decode;

  CacheEntries(Store store, Codec<R> codec, Ttl ttl, Ttl nullTtl) {
    this.store = store;
    this.codec = codec;
    this.ttl = ttl;
    this.nullTtl = nullTtl;
  }

  /** The decoded entry, {@link #NULL} for a stored null, or {@code null} on a miss. */
  Future<Object> read(String key) {
    return store.getDecoded(key, decoder);
  }

  @SuppressWarnings("unchecked")
  static <R> R unwrap(Object entry) {
    return entry == NULL ? null : (R) entry;
  }

  /** Stores {@code value} (encoding first, so a value the codec refuses stores nothing). */
  Future<Void> write(String key, R value) {
    if (value == null) {
      return nullTtl == null ? Future.succeededFuture()
        : store.set(key, Buffer.buffer(NULL_BYTES), nullTtl.duration());
    }
    Buffer bytes;
    try {
      bytes = codec.encode(value);
    } catch (CodecException e) {
      return Future.failedFuture(new CodecException("cannot cache the result for '" + key + "': "
        + e.getMessage(), e.getCause()));
    } catch (RuntimeException e) {
      return Future.failedFuture(new CodecException("cannot cache the result for '" + key + "': "
        + e.getMessage(), e));
    }
    return store.set(key, bytes, ttl.duration());
  }

  private Object decode(Buffer bytes) {
    if (isNullMarker(bytes)) {
      return NULL;
    }
    try {
      return codec.decode(bytes);
    } catch (RuntimeException e) {
      // Bytes from an older schema or another writer: treat as a miss; the load overwrites them.
      LOG.warn("Cached entry could not be decoded, reloading it: {}", e.getMessage());
      return null;
    }
  }

  private static boolean isNullMarker(Buffer bytes) {
    if (bytes.length() != NULL_BYTES.length) {
      return false;
    }
    for (int i = 0; i < NULL_BYTES.length; i++) {
      if (bytes.getByte(i) != NULL_BYTES[i]) {
        return false;
      }
    }
    return true;
  }
}
