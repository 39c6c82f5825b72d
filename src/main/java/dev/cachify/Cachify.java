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
import dev.cachify.pool.impl.Pools;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
import dev.cachify.impl.ObservedStore;
import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 *
 * <p>{@link #close()} ends the instance: what it holds for work in this process is released,
 * its waiters fail, the store it created is closed, and every later call fails with a
 * {@link CachifyClosedException}.
 */
public final class Cachify {

  private final Vertx vertx;
  private final CachifyOptions options;
  private final CachifyMetrics metrics;
  /** The configured store, its failures counted and its outages logged. */
  private final ObservedStore store;
  /** Whether close() closed the store: only the one this instance created. */
  private final boolean ownsStore;
  /** Whether this instance is open: every entry point, wrapper, lock and pool checks it. */
  private final Lifecycle lifecycle;
  /** What this instance holds for work in this process, and the one timer that renews its leases. */
  private final Leases leases;
  /** Completes when close() is done; every close() answers it. */
  private final Promise<Void> closed = Promise.promise();
  private final Locks locks;
  private final Pools pools;
  /** {@code cached} and {@code entry}: their loads in flight, and the calls that read through. */
  private final Caches caches;

  private Cachify(Vertx vertx, CachifyOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = new CachifyOptions(options);
    this.metrics = options.getMetrics();
    this.ownsStore = options.getStore() == null;
    this.store = new ObservedStore(ownsStore ? new MemoryStore() : options.getStore(), metrics);
    this.lifecycle = new Lifecycle(options.getPrefix());
    this.leases = new Leases(vertx);
    this.locks = new Locks(vertx, store, leases, lifecycle, options.getPrefix(), options.getDefaultLockExpiration(),
      options.getLockPollInterval(), options.getLockPollMaxInterval(), options.getLockLease(), metrics);
    this.pools = new Pools(store, leases, lifecycle, options.getPrefix(), options.getDefaultPoolSlotExpiration(),
      metrics);
    this.caches = new Caches(vertx, store, this.options, lifecycle);
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
    lifecycle.checkOpen();
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
    lifecycle.checkOpen();
    return caches.entry(key, codec);
  }

  /**
   * The lock under {@code prefix + key}, to acquire or to run a scope with.
   *
   * @throws CachifyClosedException once this instance is closed
   */
  public Lock lock(String key) {
    lifecycle.checkOpen();
    return locks.lock(key);
  }

  /**
   * Starts a wrapper that runs a function holding the lock its arguments map to.
   *
   * @throws CachifyClosedException once this instance is closed
   */
  public LockedBuilder locked(String template) {
    lifecycle.checkOpen();
    return locks.locked(template);
  }

  /**
   * Starts a {@code once} wrapper: at most one call per key runs at a time.
   *
   * @throws CachifyClosedException once this instance is closed
   */
  public OnceBuilder<Object> once(String template) {
    lifecycle.checkOpen();
    return locks.once(template);
  }

  /**
   * The pool under {@code prefix + key} with at most {@code maxSize} holders.
   *
   * @throws CachifyClosedException once this instance is closed
   */
  public Pool pool(String key, int maxSize) {
    lifecycle.checkOpen();
    return pools.pool(key, maxSize);
  }

  /**
   * Starts a wrapper that runs a function only while its pool has a free slot.
   *
   * @throws CachifyClosedException once this instance is closed
   */
  public PooledBuilder<Object> pooled(String template, int maxSize) {
    lifecycle.checkOpen();
    return pools.pooled(template, maxSize);
  }

  /** True while anyone holds the lock under {@code prefix + key}; a {@link CachifyClosedException} once closed. */
  public Future<Boolean> isLocked(String key) {
    return lifecycle.whenOpen(() -> store.isLocked(options.getPrefix() + key));
  }

  /** Runs {@code body} holding the lock under {@code prefix + key} (nowait, default expiration). */
  public <T> Future<T> withLock(String key, Supplier<Future<T>> body) {
    return lifecycle.whenOpen(() -> lock(key).withLock(body));
  }

  /**
   * Closes this instance; later calls answer the same future. Idempotent.
   *
   * <ul>
   *   <li>Every later call on the instance, and on the wrappers, entries, locks, handles, pools and
   *   slots made from it, fails with a {@link CachifyClosedException} (a failed future, or thrown
   *   where no future is answered: {@code cached}, {@code entry}, {@code lock}, {@code wrap}, the
   *   blocking forms), never hangs. Reading its settings and counters still answers.</li>
   *   <li>Waiting lock acquisitions fail at once with that error; their release watches and timers
   *   end.</li>
   *   <li>It releases, owner-only (compare-and-delete) and best effort, what it holds for work in
   *   this process: every lease it renews ({@code exp(Ttl.NEVER)}), and the locks and pool slots
   *   of running scopes and wrappers ({@code withLock}, {@code locked}, {@code once},
   *   {@code withSlot}, {@code pooled}). Their {@link dev.cachify.lock.LockHandle#lost()} completes
   *   (a body still running learns it no longer holds the lock), and the scope ends with the body's
   *   own outcome. It does not wait for bodies in flight: finish them first for a graceful stop.
   *   A lock or slot taken with a bare {@code acquire()} and a fixed expiry may have been handed to
   *   another process by its token (the event-bus service does), so it is left to its holder and
   *   its expiry.</li>
   *   <li>It closes the store only if it created it (no store in the options: its own memory
   *   store); a store passed in is the caller's to close, and stays usable.</li>
   * </ul>
   *
   * <pre>{@code
   * cachify.close().compose(v -> store.close());   // a store you created is yours to close
   * }</pre>
   *
   * @return completes once the holdings were released (or failed to be) and an owned store closed;
   *         fails only if closing the owned store failed
   */
  public Future<Void> close() {
    if (lifecycle.close()) { // first: later calls fail, and waiters end
      leases.close()
        .compose(released -> ownsStore ? store.close() : Future.<Void>succeededFuture())
        .onComplete(closed);
    }
    return closed.future();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return lifecycle.isClosed();
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
