package dev.cachify.cache.impl;

import dev.cachify.impl.Lifecycle;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.CacheEntry;
import dev.cachify.cache.CachedBuilder;
import dev.cachify.codec.Codec;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Vertx;

import java.util.Objects;

/**
 * The caching side of one {@code Cachify} instance: its key prefix and defaults, the loads in
 * flight that its {@code cached} functions share (one per key in this JVM), those of its
 * {@code entry(key).getOrLoad}, and its count of cached calls that read through a failing store.
 * Not API: {@code Cachify} creates one, over its observed store, and hands out what it builds.
 */
public final class Caches {

  private final Vertx vertx;
  /** The instance's store, observed: every call through it counted and an outage logged once. */
  private final Store store;
  private final CachifyMetrics metrics;
  private final String prefix;
  private final Ttl defaultTtl;
  private final Ttl nullTtl;
  private final int ttlJitter;
  /** The instance's open/closed state: calls on a closed instance fail, its waits end. */
  private final Lifecycle lifecycle;
  private final SingleFlight singleFlight = new SingleFlight();
  private final StoreOutages outages = new StoreOutages();
  /** The loads of {@code entry(key).getOrLoad}, one per key across the cluster. */
  private final EntryLoads entryLoads;

  /**
   * @param store   the instance's store as it observes it
   * @param options the instance's settings (prefix, default and null TTLs, jitter, entry load
   *                timeout, metrics), read now
   */
  public Caches(Vertx vertx, Store store, CachifyOptions options, Lifecycle lifecycle) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = options.getMetrics();
    this.prefix = options.getPrefix();
    this.defaultTtl = options.getDefaultCacheTtl();
    this.nullTtl = options.getNullTtl();
    this.ttlJitter = options.getTtlJitter();
    this.entryLoads = new EntryLoads(vertx, store, singleFlight, outages, metrics, options.getEntryLoadTimeout(),
      lifecycle);
  }

  /** A {@code cached} builder for {@code template}; fails now if the template is malformed. */
  public CachedBuilder<Object> cached(String template) {
    return new CachedBuilderImpl<>(vertx, template, prefix, store, singleFlight, outages, metrics, defaultTtl, nullTtl,
      lifecycle).ttlJitter(ttlJitter);
  }

  /** The entry under {@code prefix + key}, values through {@code codec}. */
  public <T> CacheEntry<T> entry(String key, Codec<T> codec) {
    return new CacheEntryImpl<>(store, prefix + key, codec, defaultTtl, ttlJitter, entryLoads, lifecycle);
  }

  /** How many cached calls met a store failure and answered by running their function. */
  public long storeFailures() {
    return outages.storeFailures();
  }
}
