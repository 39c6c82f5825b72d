package dev.cachify;

import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link Cachify} instance (py-cachify's {@code init_cachify}). Every knob has
 * a default; several instances may live side by side with their own prefix and store. The instance
 * copies the options when it is created, so changing them afterwards changes nothing.
 *
 * <pre>{@code
 * new CachifyOptions().setPrefix("users-").setDefaultCacheTtl(Ttl.seconds(300)).setStore(redisStore);
 * }</pre>
 */
public class CachifyOptions {

  /** The default key prefix, py-cachify's: {@value}. */
  public static final String DEFAULT_PREFIX = "PYC-";
  /** The default expiration of locks and {@code once} guards: 30 s. */
  public static final Ttl DEFAULT_LOCK_EXPIRATION = Ttl.seconds(30);
  /** The default expiration of pool slots: 600 s. */
  public static final Ttl DEFAULT_POOL_SLOT_EXPIRATION = Ttl.seconds(600);
  /** The default first and largest spacing of a waiting locker's attempts: 100 ms. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
  /** The default lease of a lock taken with {@code exp(Ttl.NEVER)}: 30 s. */
  public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);
  /** The largest TTL jitter: more would let an entry live less than half its TTL. */
  public static final int MAX_TTL_JITTER_PERCENT = 50;
  /** Expiry of the load lock of {@code entry(key).getOrLoad}: 10 s, as for {@code cached} functions. */
  public static final Duration DEFAULT_ENTRY_LOAD_TIMEOUT = Duration.ofSeconds(10);

  private Store store;
  private String prefix = DEFAULT_PREFIX;
  private Ttl defaultCacheTtl = Ttl.NEVER;
  private Ttl defaultLockExpiration = DEFAULT_LOCK_EXPIRATION;
  private Ttl defaultPoolSlotExpiration = DEFAULT_POOL_SLOT_EXPIRATION;
  private Duration lockPollInterval = DEFAULT_POLL_INTERVAL;
  private Duration lockPollMaxInterval = DEFAULT_POLL_INTERVAL;
  private Duration lockLease = DEFAULT_LOCK_LEASE;
  private Ttl nullTtl;
  private int ttlJitter;
  private CachifyMetrics metrics = CachifyMetrics.NONE;
  private Duration entryLoadTimeout = DEFAULT_ENTRY_LOAD_TIMEOUT;

  /** Options with every default: a new memory store, prefix {@value #DEFAULT_PREFIX}. */
  public CachifyOptions() {
  }

  /**
   * A copy of {@code other}; the store and the metrics are shared, not copied.
   *
   * @param other the options to copy
   */
  public CachifyOptions(CachifyOptions other) {
    this.store = other.store;
    this.prefix = other.prefix;
    this.defaultCacheTtl = other.defaultCacheTtl;
    this.defaultLockExpiration = other.defaultLockExpiration;
    this.defaultPoolSlotExpiration = other.defaultPoolSlotExpiration;
    this.lockPollInterval = other.lockPollInterval;
    this.lockPollMaxInterval = other.lockPollMaxInterval;
    this.lockLease = other.lockLease;
    this.nullTtl = other.nullTtl;
    this.ttlJitter = other.ttlJitter;
    this.metrics = other.metrics;
    this.entryLoadTimeout = other.entryLoadTimeout;
  }

  /**
   * The store; {@code null} (the default) means a new in-process memory store.
   *
   * @return the store, or {@code null}
   */
  public Store getStore() {
    return store;
  }

  /**
   * Sets where entries, locks and pool slots live; default {@code null}: each instance creates a
   * new {@code MemoryStore}, which coordinates this JVM only. Instances given the same store share
   * it; closing it is the caller's business.
   *
   * @param store the store, or {@code null} for a new memory store
   * @return these options
   */
  public CachifyOptions setStore(Store store) {
    this.store = store;
    return this;
  }

  /**
   * Put before every key this instance writes; default {@value #DEFAULT_PREFIX}.
   *
   * @return the key prefix
   */
  public String getPrefix() {
    return prefix;
  }

  /**
   * Sets what is put before every key this instance writes, so that instances with different
   * prefixes on one store never collide; default {@value #DEFAULT_PREFIX}. May be empty.
   *
   * @param prefix the key prefix
   * @return these options
   * @throws NullPointerException when {@code prefix} is {@code null}
   */
  public CachifyOptions setPrefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /**
   * TTL of {@code cached} entries that set none; default {@link Ttl#NEVER}.
   *
   * @return the default cache TTL
   */
  public Ttl getDefaultCacheTtl() {
    return defaultCacheTtl;
  }

  /**
   * Sets the TTL of {@code cached} entries and {@code entry(key)} writes that set none; default
   * {@link Ttl#NEVER}. An explicit TTL, {@code Ttl.NEVER} included, wins over it.
   *
   * @param ttl the default cache TTL
   * @return these options
   * @throws NullPointerException when {@code ttl} is {@code null}
   */
  public CachifyOptions setDefaultCacheTtl(Ttl ttl) {
    this.defaultCacheTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * Expiration of locks (and {@code once}) that set none; default 30 s.
   *
   * @return the default lock expiration
   */
  public Ttl getDefaultLockExpiration() {
    return defaultLockExpiration;
  }

  /**
   * Sets the expiration of locks and {@code once} guards that set none: how long a lock outlives a
   * holder that died without releasing it; default 30 s ({@link #DEFAULT_LOCK_EXPIRATION}).
   * {@link Ttl#NEVER} makes them leases (see {@link #setLockLease}).
   *
   * @param ttl the default lock expiration
   * @return these options
   * @throws NullPointerException when {@code ttl} is {@code null}
   */
  public CachifyOptions setDefaultLockExpiration(Ttl ttl) {
    this.defaultLockExpiration = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * The lease of a lock taken with {@code exp(Ttl.NEVER)}: the store keeps it this long, and its
   * holder renews it every third of it until released; a dead holder frees it within one lease.
   * Default 30 s.
   *
   * @return the lock lease
   */
  public Duration getLockLease() {
    return lockLease;
  }

  /**
   * Sets the lease of locks taken with {@code exp(Ttl.NEVER)}, renewed every third of it until
   * released: a shorter lease frees a dead holder's lock sooner and costs more renewals; default
   * 30 s ({@link #DEFAULT_LOCK_LEASE}).
   *
   * @param lease the lease, at least 30 ms
   * @return these options
   * @throws NullPointerException when {@code lease} is {@code null}
   * @throws IllegalArgumentException when {@code lease} is shorter than 30 ms
   */
  public CachifyOptions setLockLease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 30) {
      throw new IllegalArgumentException("a lock lease must be at least 30 ms (renewed every third), got " + lease);
    }
    this.lockLease = lease;
    return this;
  }

  /**
   * Expiration of pool slots that set none; default 600 s.
   *
   * @return the default pool slot expiration
   */
  public Ttl getDefaultPoolSlotExpiration() {
    return defaultPoolSlotExpiration;
  }

  /**
   * Sets the expiration of pool slots that set none: how long a slot outlives a holder that died
   * without freeing it; default 600 s ({@link #DEFAULT_POOL_SLOT_EXPIRATION}).
   *
   * @param ttl the default slot expiration
   * @return these options
   * @throws NullPointerException when {@code ttl} is {@code null}
   */
  public CachifyOptions setDefaultPoolSlotExpiration(Ttl ttl) {
    this.defaultPoolSlotExpiration = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * First wait between attempts of a waiting locker; default 100 ms.
   *
   * @return the first poll interval
   */
  public Duration getLockPollInterval() {
    return lockPollInterval;
  }

  /**
   * Sets the first wait between a waiting locker's attempts on a store that does not announce
   * releases (the wait then doubles up to {@link #setLockPollMaxInterval the max interval}); default
   * 100 ms ({@link #DEFAULT_POLL_INTERVAL}). Where releases are announced, a waiter wakes on the
   * release or when the lock's remaining life runs out instead. Raises the max interval to it when
   * that is shorter.
   *
   * @param interval the first wait, positive
   * @return these options
   * @throws NullPointerException when {@code interval} is {@code null}
   * @throws IllegalArgumentException when {@code interval} is zero or negative
   */
  public CachifyOptions setLockPollInterval(Duration interval) {
    this.lockPollInterval = positive(interval, "lock poll interval");
    if (lockPollMaxInterval.compareTo(interval) < 0) {
      lockPollMaxInterval = interval;
    }
    return this;
  }

  /**
   * The largest wait between a waiting locker's attempts; default 100 ms (no backoff).
   *
   * @return the largest poll interval
   */
  public Duration getLockPollMaxInterval() {
    return lockPollMaxInterval;
  }

  /**
   * Sets the largest wait between a waiting locker's attempts on a store that does not announce
   * releases (the wait doubles after each failed attempt up to this), and the fallback wait on a
   * store that announces them but cannot tell a lock's remaining life (shared-data); default 100 ms
   * ({@link #DEFAULT_POLL_INTERVAL}: no backoff). Lowers the first interval to it when that is
   * longer.
   *
   * @param interval the largest wait, positive
   * @return these options
   * @throws NullPointerException when {@code interval} is {@code null}
   * @throws IllegalArgumentException when {@code interval} is zero or negative
   */
  public CachifyOptions setLockPollMaxInterval(Duration interval) {
    this.lockPollMaxInterval = positive(interval, "lock poll max interval");
    if (lockPollInterval.compareTo(interval) > 0) {
      lockPollInterval = interval;
    }
    return this;
  }

  /**
   * When set, {@code cached} stores null results too, for this long; default {@code null}: null
   * results are never served from the cache and the function runs again.
   *
   * @return the TTL of cached nulls, or {@code null} when nulls are not cached
   */
  public Ttl getNullTtl() {
    return nullTtl;
  }

  /**
   * Sets how long {@code cached} keeps a null result, so that a function that finds nothing is
   * not run again on every call; default {@code null}: nulls are not cached. A wrapper may set its
   * own ({@code cacheNulls(ttl)}).
   *
   * @param nullTtl the TTL of cached nulls, or {@code null} not to cache them
   * @return these options
   */
  public CachifyOptions setNullTtl(Ttl nullTtl) {
    this.nullTtl = nullTtl;
    return this;
  }

  /**
   * Percentage by which each cache write's TTL may be shortened, drawn at random per write from
   * {@code [ttl × (1 − percent/100), ttl]}, so entries written together do not expire, and reload,
   * together; default 0 (off). Applies to {@code cached} entries and nulls and to
   * {@code entry(key).set}; a wrapper may set its own ({@code CachedBuilder.ttlJitter}).
   *
   * <pre>{@code
   * new CachifyOptions().setDefaultCacheTtl(Ttl.seconds(300)).setTtlJitter(10); // 270-300 s
   * }</pre>
   *
   * @return the jitter, a percentage
   */
  public int getTtlJitter() {
    return ttlJitter;
  }

  /**
   * Sets the TTL jitter, a percentage (see {@link #getTtlJitter()}); default 0 (off).
   * {@link Ttl#NEVER} is never jittered.
   *
   * @param percent from 0 (off) to {@value #MAX_TTL_JITTER_PERCENT}
   * @return these options
   * @throws IllegalArgumentException when {@code percent} is outside 0 to
   *                                  {@value #MAX_TTL_JITTER_PERCENT}
   */
  public CachifyOptions setTtlJitter(int percent) {
    if (percent < 0 || percent > MAX_TTL_JITTER_PERCENT) {
      throw new IllegalArgumentException("TTL jitter is a percentage from 0 (off) to "
        + MAX_TTL_JITTER_PERCENT + ", got " + percent);
    }
    this.ttlJitter = percent;
    return this;
  }

  /**
   * Where the instance reports hits, misses, loads, lock waits and holds, refusals, renewals, lost
   * leases and store errors; default {@link CachifyMetrics#NONE}.
   *
   * <pre>{@code
   * new CachifyOptions().setMetrics(new MicrometerCachifyMetrics(registry, store.name()));
   * }</pre>
   *
   * @return the metrics
   */
  public CachifyMetrics getMetrics() {
    return metrics;
  }

  /**
   * Sets where the instance reports what it does; default {@link CachifyMetrics#NONE} (nothing
   * recorded).
   *
   * @param metrics the metrics, e.g. a {@code MicrometerCachifyMetrics}
   * @return these options
   * @throws NullPointerException when {@code metrics} is {@code null} (use {@link CachifyMetrics#NONE})
   */
  public CachifyOptions setMetrics(CachifyMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * How long the cluster's load lock of an {@code entry(key).getOrLoad} miss lives: the longest a
   * loader that died or hangs holds the other processes' loads of that key up, and the longest a
   * load runs before a second one may start. Make it no shorter than the loader's own timeout.
   * Default 10 s.
   *
   * @return the entry load timeout
   */
  public Duration getEntryLoadTimeout() {
    return entryLoadTimeout;
  }

  /**
   * Sets how long the load lock of an {@code entry(key).getOrLoad} miss lives (see
   * {@link #getEntryLoadTimeout()}); default 10 s ({@link #DEFAULT_ENTRY_LOAD_TIMEOUT}).
   *
   * @param timeout the load lock's expiry, at least 1 ms
   * @return these options
   * @throws NullPointerException when {@code timeout} is {@code null}
   * @throws IllegalArgumentException when {@code timeout} is shorter than 1 ms
   */
  public CachifyOptions setEntryLoadTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("an entry load timeout must be at least 1 ms, got " + timeout);
    }
    this.entryLoadTimeout = timeout;
    return this;
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
