package dev.cachify.cache.impl;

import dev.cachify.impl.Lifecycle;
import dev.cachify.Ttl;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.cache.CachedBuilder;
import dev.cachify.cache.CachedFunction;
import dev.cachify.codec.Codec;
import dev.cachify.codec.JsonCodec;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.store.Store;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;

/** A {@link CachedBuilder}: collects the settings, then wraps a function in them. */
final class CachedBuilderImpl<R> implements CachedBuilder<R> {

  private final Vertx vertx;
  private final KeyTemplate template;
  private final String prefix;
  private final Store store;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private final CachifyMetrics metrics;
  private final String name;
  private Ttl ttl;
  private Ttl nullTtl;
  private TtlJitter jitter = TtlJitter.NONE;
  private Codec<?> codec = JsonCodec.untyped();
  /** Expiry of the cluster's load lock; {@code null}: cluster single-flight off. */
  private Duration loadTimeout;
  private final Lifecycle lifecycle;

  CachedBuilderImpl(Vertx vertx, String template, String prefix, Store store, SingleFlight singleFlight,
                    StoreOutages outages, CachifyMetrics metrics, Ttl defaultTtl, Ttl nullTtl, Lifecycle lifecycle) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.template = KeyTemplate.parse(template);
    this.name = template;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.prefix = prefix;
    this.store = store;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.ttl = defaultTtl;
    this.nullTtl = nullTtl;
  }

  @Override
  public CachedBuilder<R> ttl(Ttl ttl) {
    this.ttl = Objects.requireNonNull(ttl, "ttl (use Ttl.NEVER for no expiry)");
    return this;
  }

  @Override
  public CachedBuilder<R> ttlJitter(int percent) {
    this.jitter = TtlJitter.of(percent);
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CachedBuilder<T> codec(Codec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return (CachedBuilder<T>) this;
  }

  @Override
  public CachedBuilder<R> cacheNulls(Ttl ttl) {
    this.nullTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  @Override
  public CachedBuilder<R> clusterSingleFlight(boolean enabled) {
    this.loadTimeout = enabled ? ClusterSingleFlight.DEFAULT_LOAD_TIMEOUT : null;
    return this;
  }

  @Override
  public CachedBuilder<R> clusterSingleFlight(Duration loadTimeout) {
    this.loadTimeout = ClusterSingleFlight.checked(loadTimeout);
    return this;
  }

  @Override
  public <T extends R> CachedFunction<T> wrap(Fn<T> fn) {
    return new CachedFunctionImpl<>(fn, keysFor(fn.params()), readThrough());
  }

  @Override
  public <T extends R> BlockingCachedFunction<T> wrapBlocking(BlockingFn<T> fn) {
    return new BlockingCachedFunctionImpl<>(fn, keysFor(fn.params()), readThrough());
  }

  /** The routine of one wrapped function: its entries, the instance's single-flight, its cluster turns. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> ReadThrough<T> readThrough() {
    ClusterSingleFlight clusterFlight = loadTimeout == null ? null
      : new ClusterSingleFlight(vertx, store, loadTimeout, lifecycle);
    CacheEntries<T> entries = new CacheEntries<>(store, (Codec) codec, ttl, nullTtl, jitter);
    return new ReadThrough<>(entries, singleFlight, outages, metrics.cache(name), clusterFlight, lifecycle);
  }

  private KeyTemplate keysFor(dev.cachify.fn.Params params) {
    return template.checkAgainst(params).between(prefix, "-cached");
  }
}
