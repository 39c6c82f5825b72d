package dev.cachify;

import dev.cachify.cache.CacheEntry;
import dev.cachify.cache.CachedBuilder;
import dev.cachify.cache.impl.Caches;
import dev.cachify.codec.Codec;
import dev.cachify.codec.JsonCodec;
import dev.cachify.lock.Lock;
import dev.cachify.lock.LockedBuilder;
import dev.cachify.lock.OnceBuilder;
import dev.cachify.lock.impl.Locks;
import dev.cachify.pool.Pool;
import dev.cachify.pool.PooledBuilder;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.impl.ObservedStore;
import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The entry point: caching, locks, {@code once} and pools over one store, under one key prefix.
 * Several instances may live side by side, each with its own prefix, store and defaults.
 *
 * <pre>{@code
 * Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(RedisStore.create(vertx, url)));
 * CachedFunction<User> readUser = cachify.cached("read_user-{userId}").ttl(Ttl.seconds(300))
 *     .as(User.class).wrap(Fn.of("userId", (Long id) -> repository.find(id)));
 * }</pre>
 *
 * <p>Stored keys are {@code prefix + formatted template + "-" + operation} for the wrappers
 * ({@code cached}, {@code lock}, {@code once}, {@code pool}), and {@code prefix + key} for
 * {@link #entry(String)}, {@link #lock(String)} and {@link #pool(String, int)}.
 */
public final class Cachify {

  private final Vertx vertx;
  private final CachifyOptions options;
  private final CachifyMetrics metrics;
  /** The configured store, its failures counted and its outages logged. */
  private final ObservedStore store;
  private final Locks locks;
  /** {@code cached} and {@code entry}: their loads in flight, and the calls that read through. */
  private final Caches caches;

  private Cachify(Vertx vertx, CachifyOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = new CachifyOptions(options);
    this.metrics = options.getMetrics();
    this.store = new ObservedStore(options.getStore() != null ? options.getStore() : new MemoryStore(), metrics);
    this.locks = new Locks(vertx, store, options.getPrefix(), options.getDefaultLockExpiration(),
      options.getLockPollInterval(), options.getLockPollMaxInterval(), options.getLockLease(), metrics);
    this.caches = new Caches(vertx, store, this.options);
  }

  /** An instance with the default settings over a new in-process memory store. */
  public static Cachify create(Vertx vertx) {
    return new Cachify(vertx, new CachifyOptions());
  }

  public static Cachify create(Vertx vertx, CachifyOptions options) {
    return new Cachify(vertx, options);
  }

  /** Starts a {@code cached} wrapper for {@code template}; fails now if the template is malformed. */
  public CachedBuilder<Object> cached(String template) {
    return caches.cached(template);
  }

  /**
   * The cache entry under {@code prefix + key} with JSON values (String, Number, Boolean,
   * JsonObject, JsonArray): what a {@code cached} function stores there, read, set, reset or
   * read through ({@link CacheEntry#getOrLoad}) by key.
   */
  public CacheEntry<Object> entry(String key) {
    return entry(key, JsonCodec.untyped());
  }

  /** The cache entry under {@code prefix + key}, values through {@code codec}. */
  public <T> CacheEntry<T> entry(String key, Codec<T> codec) {
    return caches.entry(key, codec);
  }

  /** The lock under {@code prefix + key}, to acquire or to run a scope with. */
  public Lock lock(String key) {
    return locks.lock(key);
  }

  /** Starts a wrapper that runs a function holding the lock its arguments map to. */
  public LockedBuilder locked(String template) {
    return locks.locked(template);
  }

  /** Starts a {@code once} wrapper: at most one call per key runs at a time. */
  public OnceBuilder<Object> once(String template) {
    return locks.once(template);
  }

  /** The pool under {@code prefix + key} with at most {@code maxSize} holders. */
  public Pool pool(String key, int maxSize) {
    return new Pool(store, options.getPrefix() + key, maxSize, options.getDefaultPoolSlotExpiration(), metrics);
  }

  /** Starts a wrapper that runs a function only while its pool has a free slot. */
  public PooledBuilder<Object> pooled(String template, int maxSize) {
    return new PooledBuilder<>(template, options.getPrefix(), store, maxSize,
      options.getDefaultPoolSlotExpiration(), metrics);
  }

  /** True while anyone holds the lock under {@code prefix + key}. */
  public Future<Boolean> isLocked(String key) {
    return store.isLocked(options.getPrefix() + key);
  }

  /** Runs {@code body} holding the lock under {@code prefix + key} (nowait, default expiration). */
  public <T> Future<T> withLock(String key, Supplier<Future<T>> body) {
    return lock(key).withLock(body);
  }

  /**
   * How many times a cached call of this instance met a store failure and answered by running its
   * function instead (a read through: nothing stored). Locks, {@code once} and pools never read
   * through: they fail with the store's error.
   */
  public long storeFailures() {
    return caches.storeFailures();
  }

  /** The store this instance works on (the configured one, observed: see {@link ObservedStore}). */
  public Store store() {
    return store;
  }

  /** How many store operations of this instance failed with a store error. */
  public long storeErrors() {
    return store.failures();
  }

  public String prefix() {
    return options.getPrefix();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A copy of this instance's settings. */
  public CachifyOptions options() {
    return new CachifyOptions(options);
  }
}
