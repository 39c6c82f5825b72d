package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Objects;

/**
 * One cache entry by its key, for code that reads or writes what a {@code cached} function
 * stores without calling the function: the event-bus service, an admin tool, another service.
 * Reads and resets follow the {@code cached} rules (a reset leaves a tombstone that wins over loads
 * in flight; a stored null reads as a miss).
 *
 * <pre>{@code
 * cachify.entry("read_user-5-cached").reset();   // what readUser.reset(5) does
 * }</pre>
 */
public final class CacheEntry<T> {

  private final String key;
  private final CacheEntries<T> entries;
  private final Ttl defaultTtl;

  /** {@code ttlJitter}: each write's TTL is up to that percentage shorter (0 = exactly the TTL). */
  public CacheEntry(Store store, String key, Codec<T> codec, Ttl defaultTtl, int ttlJitter) {
    this.key = Objects.requireNonNull(key, "key");
    this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
    this.entries = new CacheEntries<>(store, codec, defaultTtl, null, TtlJitter.of(ttlJitter));
  }

  /** The stored key. */
  public String key() {
    return key;
  }

  /** The cached value, or {@code null} when absent, expired, reset or a stored null. */
  public Future<T> get() {
    return entries.read(key).map(CacheEntries::unwrap);
  }

  /** Stores {@code value} for the default cache TTL, jittered as the instance says. */
  public Future<Void> set(T value) {
    return set(value, defaultTtl);
  }

  /**
   * Stores {@code value}, replacing what the key holds, expiring after {@code ttl} less the
   * instance's TTL jitter ({@code CachifyOptions.setTtlJitter}), never later.
   */
  public Future<Void> set(T value, Ttl ttl) {
    if (value == null) {
      return Future.failedFuture(new IllegalArgumentException("a cache entry's value must not be null"));
    }
    return entries.put(key, value, Objects.requireNonNull(ttl, "ttl"));
  }

  /** Drops the entry: later reads miss, and loads that started before it do not store. */
  public Future<Void> reset() {
    return entries.reset(key);
  }
}
