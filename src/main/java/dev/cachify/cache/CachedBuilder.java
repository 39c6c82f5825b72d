package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.codec.JsonCodec;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.store.Store;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;

/** Configures a {@code cached} wrapper; obtained from {@code Cachify.cached(template)}. */
public final class CachedBuilder<R> {

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

  public CachedBuilder(Vertx vertx, String template, String prefix, Store store, SingleFlight singleFlight,
                       StoreOutages outages, CachifyMetrics metrics, Ttl defaultTtl, Ttl nullTtl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
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

  /** How long entries live; unset = the instance default; {@link Ttl#NEVER} wins over it. */
  public CachedBuilder<R> ttl(Ttl ttl) {
    this.ttl = Objects.requireNonNull(ttl, "ttl (use Ttl.NEVER for no expiry)");
    return this;
  }

  /**
   * Each write's TTL is drawn from {@code [ttl × (1 − percent/100), ttl]}, so entries written
   * together do not expire together: {@code .ttl(Ttl.seconds(300)).ttlJitter(10)} keeps each entry
   * 270 to 300 s. Also applies to cached nulls. From 0 (off) to 50; unset = the instance default
   * ({@code CachifyOptions.setTtlJitter}).
   */
  public CachedBuilder<R> ttlJitter(int percent) {
    this.jitter = TtlJitter.of(percent);
    return this;
  }

  /** The codec; default: JSON decoding to Vert.x JSON types. */
  @SuppressWarnings("unchecked")
  public <T> CachedBuilder<T> codec(Codec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return (CachedBuilder<T>) this;
  }

  /** Shorthand for {@code codec(JsonCodec.of(type))}. */
  public <T> CachedBuilder<T> as(Class<T> type) {
    return codec(JsonCodec.of(type));
  }

  /** Caches null results too, for {@code ttl}; default: null results run the function again. */
  public CachedBuilder<R> cacheNulls(Ttl ttl) {
    this.nullTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * Cluster single-flight: a miss runs the function once across every process that shares the
   * store, not once per process. The first loader takes a load lock on the store
   * ({@code <key>-load}, expiring after {@link ClusterSingleFlight#DEFAULT_LOAD_TIMEOUT}); the
   * others wait for its value (woken by the lock's release) and read it. A failed load, or one
   * whose result is not stored, lets the next waiter load; a loader that dies or hangs holds the
   * others up until its lock expires. A reset still wins over the load.
   *
   * <p>Off by default: each miss then costs a lock acquisition and a release on the store, and
   * each key leaves the lock's fencing counter there. Worth it for loads that are expensive and
   * missed by several processes at once (a hot row after its entry expired or was reset).
   *
   * <pre>{@code
   * cachify.cached("read_user-{userId}").ttl(Ttl.seconds(300)).as(User.class)
   *     .clusterSingleFlight(true)
   *     .wrap(Fn.of("userId", (Long id) -> repository.find(id)));
   * }</pre>
   */
  public CachedBuilder<R> clusterSingleFlight(boolean enabled) {
    this.loadTimeout = enabled ? ClusterSingleFlight.DEFAULT_LOAD_TIMEOUT : null;
    return this;
  }

  /**
   * Cluster single-flight (see {@link #clusterSingleFlight(boolean)}) with a load lock that expires
   * after {@code loadTimeout}: the longest a loader that died or hangs holds the others up. A load
   * that outlasts it lets a second loader in (harmless: both store by compare-and-set).
   */
  public CachedBuilder<R> clusterSingleFlight(Duration loadTimeout) {
    this.loadTimeout = ClusterSingleFlight.checked(loadTimeout);
    return this;
  }

  /** The Future-based wrapper; fails now if the template names a parameter {@code fn} lacks. */
  public <T extends R> CachedFunction<T> wrap(Fn<T> fn) {
    CacheMeter meter = metrics.cache(name);
    return new CachedFunction<>(fn, keysFor(fn.params()), entries(), singleFlight, outages, meter, clusterFlight(meter));
  }

  /** The blocking wrapper, for worker threads and plain Java. */
  public <T extends R> BlockingCachedFunction<T> wrapBlocking(BlockingFn<T> fn) {
    CacheMeter meter = metrics.cache(name);
    return new BlockingCachedFunction<>(fn, keysFor(fn.params()), entries(), singleFlight, outages, meter,
      clusterFlight(meter));
  }

  private ClusterSingleFlight clusterFlight(CacheMeter meter) {
    return loadTimeout == null ? null : new ClusterSingleFlight(vertx, store, loadTimeout, meter);
  }

  private KeyTemplate keysFor(dev.cachify.fn.Params params) {
    return template.checkAgainst(params).between(prefix, "-cached");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> CacheEntries<T> entries() {
    return new CacheEntries<>(store, (Codec) codec, ttl, nullTtl, jitter);
  }
}
