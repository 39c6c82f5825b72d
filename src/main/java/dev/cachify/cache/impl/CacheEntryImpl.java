package dev.cachify.cache.impl;

import dev.cachify.Ttl;
import dev.cachify.cache.CacheEntry;
import dev.cachify.codec.Codec;
import dev.cachify.impl.Lifecycle;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/** A {@link CacheEntry}: its key, its entries (codec, TTL, jitter) and the instance's entry loads. */
final class CacheEntryImpl<T> implements CacheEntry<T> {

  private final String key;
  private final CacheEntries<T> entries;
  private final Ttl defaultTtl;
  private final EntryLoads loads;
  /** The instance's state: every call on a closed instance fails with its closed error. */
  private final Lifecycle lifecycle;

  /**
   * {@code ttlJitter}: each write's TTL is up to that percentage shorter (0 = exactly the TTL);
   * {@code loads}: the instance's loads in flight, which {@link #getOrLoad} joins.
   */
  CacheEntryImpl(Store store, String key, Codec<T> codec, Ttl defaultTtl, int ttlJitter, EntryLoads loads,
                 Lifecycle lifecycle) {
    this.key = Objects.requireNonNull(key, "key");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
    this.loads = Objects.requireNonNull(loads, "loads");
    this.entries = new CacheEntries<>(store, codec, defaultTtl, null, TtlJitter.of(ttlJitter));
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Future<T> get() {
    return lifecycle.whenOpen(() -> entries.read(key).map(CacheEntries::unwrap));
  }

  @Override
  public Future<T> getOrLoad(Supplier<Future<T>> loader) {
    return getOrLoad(defaultTtl, loader);
  }

  @Override
  public Future<T> getOrLoad(Ttl ttl, Supplier<Future<T>> loader) {
    Objects.requireNonNull(ttl, "ttl (use Ttl.NEVER for no expiry)");
    Objects.requireNonNull(loader, "loader");
    return loads.readThrough(entries.withTtl(ttl)).get(key, Supplier::get, loader);
  }

  @Override
  public Future<Void> set(T value) {
    return set(value, defaultTtl);
  }

  @Override
  public Future<Void> set(T value, Ttl ttl) {
    if (value == null) {
      return Future.failedFuture(new IllegalArgumentException("a cache entry's value must not be null"));
    }
    Objects.requireNonNull(ttl, "ttl");
    return lifecycle.whenOpen(() -> entries.put(key, value, ttl));
  }

  @Override
  public Future<Void> reset() {
    return lifecycle.whenOpen(() -> entries.reset(key).map(done -> {
      loads.forget(key);
      return done;
    }));
  }
}
