package dev.cachify.cache.impl;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.codec.CodecException;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * How one {@code cached} function reads and writes its entries: the codec, the TTL and its jitter,
 * null results (stored as a marker no codec produces, and only when null caching is on) and resets.
 *
 * <p><b>A reset wins over loads in flight.</b> A reset does not delete the entry: it writes a
 * tombstone, a marker with a random nonce, so no two resets leave the same bytes. A load remembers
 * the bytes it saw when it missed (nothing, a tombstone, or bytes it could not decode) and stores
 * its result only if the entry still holds exactly those bytes ({@link Store#compareAndSet}). A
 * reset between the two leaves a new tombstone there, so the load's result, possibly read from the
 * database before the change the reset announces, is answered to its callers but not cached.
 */
final class CacheEntries<R> {

  private static final Logger LOG = LoggerFactory.getLogger(CacheEntries.class);
  private static final Future<Boolean> NOT_STORED = Future.succeededFuture(false);
  private static final byte[] NULL_BYTES = "\u0000cachify:null".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TOMBSTONE_PREFIX = "\u0000cachify:reset:".getBytes(StandardCharsets.UTF_8);
  /** The prefix and a UUID in its 36-character text form. */
  private static final int TOMBSTONE_LENGTH = TOMBSTONE_PREFIX.length + 36;
  /**
   * How long a tombstone lives at most. A reset stops a load only until the key is absent again: a
   * load that saw it absent and ends after the tombstone (or a value stored over it) expired finds
   * it as it saw it, and stores. So the guarantee covers loads shorter than the entry's TTL, which
   * the tombstone takes too, capped here so that resets of never-expiring entries do not leave
   * tombstones for ever. The tombstone takes the TTL as asked, not jittered: it reads as a miss, so
   * its expiry sets off no reload to spread out, and a shorter one would only narrow the guarantee.
   */
  static final Duration MAX_TOMBSTONE_TTL = Duration.ofHours(1);
  /** What {@link #decoder} answers for a stored null; {@code null} itself means "miss". */
  static final Object NULL = new Object();

  private final Store store;
  private final Codec<R> codec;
  private final Ttl ttl;
  private final Ttl nullTtl;
  private final TtlJitter jitter;
  private final Duration tombstoneTtl;
  /** One instance per function, so the memory store can remember decoded values per decoder. */
  final Function<Buffer, Object> decoder;

  CacheEntries(Store store, Codec<R> codec, Ttl ttl, Ttl nullTtl, TtlJitter jitter) {
    this(store, codec, ttl, nullTtl, jitter, null);
  }

  private CacheEntries(Store store, Codec<R> codec, Ttl ttl, Ttl nullTtl, TtlJitter jitter,
                       Function<Buffer, Object> decoder) {
    this.store = store;
    this.codec = codec;
    this.ttl = ttl;
    this.nullTtl = nullTtl;
    this.jitter = jitter;
    this.decoder = decoder != null ? decoder : this::decodeEntry;
    Duration entryTtl = ttl.duration();
    this.tombstoneTtl = entryTtl == null || entryTtl.compareTo(MAX_TOMBSTONE_TTL) > 0
      ? MAX_TOMBSTONE_TTL : entryTtl;
  }

  /**
   * The same entries, written for {@code entryTtl} (decoded by the same decoder, so the memory
   * store's remembered values still serve): this instance when the TTL is its own.
   */
  CacheEntries<R> withTtl(Ttl entryTtl) {
    return entryTtl.equals(ttl) ? this : new CacheEntries<>(store, codec, entryTtl, nullTtl, jitter, decoder);
  }

  /** The decoded entry, {@link #NULL} for a stored null, or {@code null} on a miss (the hot path). */
  Future<Object> read(String key) {
    return store.getDecoded(key, decoder);
  }

  /** The stored bytes as they are, for a load to compare against when it stores its result. */
  Future<Buffer> readRaw(String key) {
    return store.get(key);
  }

  /** What {@code bytes} from {@link #readRaw} mean: as {@link #read} answers, {@code null} = miss. */
  Object decode(Buffer bytes) {
    return bytes == null ? null : decoder.apply(bytes);
  }

  /**
   * The entry's stored bytes as they are (no decoding), {@link #NULL} for a stored null, or
   * {@code null} on a miss (absent or reset).
   */
  Future<Object> readEncoded(String key) {
    return store.get(key).map(bytes -> {
      if (bytes == null || isMarker(bytes, TOMBSTONE_PREFIX, TOMBSTONE_LENGTH)) {
        return null;
      }
      return isMarker(bytes, NULL_BYTES, NULL_BYTES.length) ? NULL : bytes;
    });
  }

  /** {@code value} as the codec encodes it, for a caller that asked for bytes of a value not stored. */
  Buffer encode(R value) {
    try {
      return codec.encode(value);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("cannot encode the result: " + e.getMessage(), e);
    }
  }

  /**
   * {@code value} as the codec encodes it for {@link #write}: the load's one encoding, stored and
   * answered to {@code callEncoded}. A refusal is a {@link CodecException} naming the key.
   */
  Buffer encodeFor(String key, R value) {
    try {
      return codec.encode(value);
    } catch (CodecException e) {
      throw new CodecException("cannot cache the result for '" + key + "': " + e.getMessage(), e.getCause());
    } catch (RuntimeException e) {
      throw new CodecException("cannot cache the result for '" + key + "': " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static <R> R unwrap(Object entry) {
    return entry == NULL ? null : (R) entry;
  }

  /**
   * Stores {@code bytes} (from {@link #encodeFor}; {@code null} for a null result, stored as the
   * null marker when null caching is on) only while the key still holds {@code seen} (the bytes
   * the load saw when it missed; {@code null} for absent). Answers whether it stored: false when a
   * reset or another writer came in between, or for a null not to be cached.
   */
  Future<Boolean> write(String key, Buffer seen, Buffer bytes) {
    if (bytes == null) {
      return nullTtl == null ? NOT_STORED : compareAndSet(key, seen, Buffer.buffer(NULL_BYTES), nullTtl);
    }
    return compareAndSet(key, seen, bytes, ttl);
  }

  /**
   * Stores {@code value} whatever the key holds (an explicit write, not a load), expiring after
   * {@code entryTtl} (jittered); a value the codec refuses stores nothing.
   */
  Future<Void> put(String key, R value, Ttl entryTtl) {
    Buffer bytes;
    try {
      bytes = encode(value);
    } catch (CodecException e) {
      return Future.failedFuture(new CodecException("cannot store the value for '" + key + "': "
        + e.getMessage(), e.getCause()));
    }
    return store.set(key, bytes, jitter.effective(entryTtl));
  }

  /** Replaces whatever the key holds by a fresh tombstone: a miss, and a loser for loads in flight. */
  Future<Void> reset(String key) {
    Buffer tombstone = Buffer.buffer(TOMBSTONE_LENGTH).appendBytes(TOMBSTONE_PREFIX)
      .appendString(UUID.randomUUID().toString(), "US-ASCII");
    return store.set(key, tombstone, tombstoneTtl);
  }

  private Future<Boolean> compareAndSet(String key, Buffer seen, Buffer bytes, Ttl entryTtl) {
    return store.compareAndSet(key, seen, bytes, jitter.effective(entryTtl)).onSuccess(stored -> {
      if (!stored) {
        LOG.debug("Not caching the result for '{}': reset or written by another loader meanwhile", key);
      }
    });
  }

  private Object decodeEntry(Buffer bytes) {
    if (isMarker(bytes, NULL_BYTES, NULL_BYTES.length)) {
      return NULL;
    }
    if (isMarker(bytes, TOMBSTONE_PREFIX, TOMBSTONE_LENGTH)) {
      return null; // reset: a miss
    }
    try {
      return codec.decode(bytes);
    } catch (RuntimeException e) {
      // Bytes from an older schema or another writer: treat as a miss; the load overwrites them.
      LOG.warn("Cached entry could not be decoded, reloading it: {}", e.getMessage());
      return null;
    }
  }

  /** Whether {@code bytes} are {@code length} long and start with {@code prefix}. */
  private static boolean isMarker(Buffer bytes, byte[] prefix, int length) {
    if (bytes.length() != length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes.getByte(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
