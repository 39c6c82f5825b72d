package dev.cachify;

import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link Cachify} instance (py-cachify's {@code init_cachify}). Every knob has
 * a default; several instances may live side by side with their own prefix and store.
 *
 * <pre>{@code
 * new CachifyOptions().setPrefix("users-").setDefaultCacheTtl(Ttl.seconds(300)).setStore(redisStore);
 * }</pre>
 */
public class CachifyOptions {

  public static final String DEFAULT_PREFIX = "PYC-";
  public static final Ttl DEFAULT_LOCK_EXPIRATION = Ttl.seconds(30);
  public static final Ttl DEFAULT_POOL_SLOT_EXPIRATION = Ttl.seconds(600);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
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

  public CachifyOptions() {
  }

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

  /** The store; {@code null} (the default) means a new in-process memory store. */
  public Store getStore() {
    return store;
  }

  public CachifyOptions setStore(Store store) {
    this.store = store;
    return this;
  }

  /** Put before every key this instance writes; default {@value #DEFAULT_PREFIX}. */
  public String getPrefix() {
    return prefix;
  }

  public CachifyOptions setPrefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** TTL of {@code cached} entries that set none; default {@link Ttl#NEVER}. */
  public Ttl getDefaultCacheTtl() {
    return defaultCacheTtl;
  }

  public CachifyOptions setDefaultCacheTtl(Ttl ttl) {
    this.defaultCacheTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /** Expiration of locks (and {@code once}) that set none; default 30 s. */
  public Ttl getDefaultLockExpiration() {
    return defaultLockExpiration;
  }

  public CachifyOptions setDefaultLockExpiration(Ttl ttl) {
    this.defaultLockExpiration = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /**
   * The lease of a lock taken with {@code exp(Ttl.NEVER)}: the store keeps it this long, and its
   * holder renews it every third of it until released; a dead holder frees it within one lease.
   * Default 30 s.
   */
  public Duration getLockLease() {
    return lockLease;
  }

  public CachifyOptions setLockLease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 30) {
      throw new IllegalArgumentException("a lock lease must be at least 30 ms (renewed every third), got " + lease);
    }
    this.lockLease = lease;
    return this;
  }

  /** Expiration of pool slots that set none; default 600 s. */
  public Ttl getDefaultPoolSlotExpiration() {
    return defaultPoolSlotExpiration;
  }

  public CachifyOptions setDefaultPoolSlotExpiration(Ttl ttl) {
    this.defaultPoolSlotExpiration = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /** First wait between attempts of a waiting locker; default 100 ms. */
  public Duration getLockPollInterval() {
    return lockPollInterval;
  }

  public CachifyOptions setLockPollInterval(Duration interval) {
    this.lockPollInterval = positive(interval, "lock poll interval");
    if (lockPollMaxInterval.compareTo(interval) < 0) {
      lockPollMaxInterval = interval;
    }
    return this;
  }

  /** The wait doubles after each failed attempt up to this; default 100 ms (no backoff). */
  public Duration getLockPollMaxInterval() {
    return lockPollMaxInterval;
  }

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
   */
  public Ttl getNullTtl() {
    return nullTtl;
  }

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
   */
  public int getTtlJitter() {
    return ttlJitter;
  }

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
   * new CachifyOptions().setMetrics(new MicrometerCachifyMetrics(registry));
   * }</pre>
   */
  public CachifyMetrics getMetrics() {
    return metrics;
  }

  public CachifyOptions setMetrics(CachifyMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * How long the cluster's load lock of an {@code entry(key).getOrLoad} miss lives: the longest a
   * loader that died or hangs holds the other processes' loads of that key up, and the longest a
   * load runs before a second one may start. Make it no shorter than the loader's own timeout.
   * Default 10 s.
   */
  public Duration getEntryLoadTimeout() {
    return entryLoadTimeout;
  }

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
