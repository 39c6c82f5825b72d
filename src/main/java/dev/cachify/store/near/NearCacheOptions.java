package dev.cachify.store.near;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link NearCacheStore}: how old an answer may be, how many values are kept, which
 * near caches invalidate each other, and the clock.
 *
 * <pre>{@code
 * new NearCacheOptions().setMaxAge(Duration.ofSeconds(2)).setMaxEntries(50_000);
 * }</pre>
 */
public class NearCacheOptions {

  /** Default {@link #getMaxAge()}: 5 seconds. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
  /** Default {@link #getMaxEntries()}: 10,000. */
  public static final long DEFAULT_MAX_ENTRIES = 10_000;
  /** Default {@link #getName()}: {@value}. */
  public static final String DEFAULT_NAME = "cachify";
  /** Default {@link #getProbeInterval()}: 1 second. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);

  private Duration maxAge = DEFAULT_MAX_AGE;
  private long maxEntries = DEFAULT_MAX_ENTRIES;
  private String name = DEFAULT_NAME;
  private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
  private Ticker ticker;

  /** The defaults: 5 s max age, 10,000 entries, name {@value #DEFAULT_NAME}. */
  public NearCacheOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public NearCacheOptions(NearCacheOptions other) {
    this.maxAge = other.maxAge;
    this.maxEntries = other.maxEntries;
    this.name = other.name;
    this.probeInterval = other.probeInterval;
    this.ticker = other.ticker;
  }

  /**
   * Reads {@code maxAgeMillis}, {@code maxEntries}, {@code name}, {@code probeIntervalMillis};
   * absent keys keep their defaults, and the ticker cannot come from JSON.
   *
   * @param json the settings, as {@link #toJson()} writes them
   * @throws IllegalArgumentException when a value is out of range
   */
  public NearCacheOptions(JsonObject json) {
    setMaxAge(Duration.ofMillis(json.getLong("maxAgeMillis", DEFAULT_MAX_AGE.toMillis())));
    setMaxEntries(json.getLong("maxEntries", DEFAULT_MAX_ENTRIES));
    setName(json.getString("name", DEFAULT_NAME));
    setProbeInterval(Duration.ofMillis(json.getLong("probeIntervalMillis", DEFAULT_PROBE_INTERVAL.toMillis())));
  }

  /**
   * How long after the read of the backing store began a value may be answered from the near
   * cache, at most (default 5 s); shorter when the backing store reports a shorter TTL. The safety
   * net of the whole scheme: whatever goes wrong (a lost invalidation, a partition, a write made
   * without a near cache), no answer is older than this. Also the longest a write waits for a
   * node that does not acknowledge its invalidation.
   *
   * @return the max age
   */
  public Duration getMaxAge() {
    return maxAge;
  }

  /**
   * Sets how long after its read a value may be answered from the near cache (see
   * {@link #getMaxAge()}); default 5 s ({@link #DEFAULT_MAX_AGE}). Shorter bounds staleness
   * tighter and reads the store more often; it is also how long a write may wait for a dead node.
   *
   * @param maxAge the max age, positive
   * @return these options
   * @throws NullPointerException     when {@code maxAge} is {@code null}
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   */
  public NearCacheOptions setMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
    }
    this.maxAge = maxAge;
    return this;
  }

  /**
   * How many values the near cache keeps before evicting the least useful (default 10,000).
   *
   * @return the most values kept
   */
  public long getMaxEntries() {
    return maxEntries;
  }

  /**
   * Sets how many values the near cache keeps before evicting the least useful; default
   * 10,000. An evicted value is read from the store again.
   *
   * @param maxEntries the most values kept, 0 or more
   * @return these options
   * @throws IllegalArgumentException when {@code maxEntries} is negative
   */
  public NearCacheOptions setMaxEntries(long maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    return this;
  }

  /**
   * The group of near caches that invalidate each other (default {@value #DEFAULT_NAME}): every
   * near cache in front of the same backing store must share it. It names the cluster-wide
   * registry entry and the event-bus addresses ({@code cachify.near-cache.<name>.<member>}).
   *
   * @return the group's name
   */
  public String getName() {
    return name;
  }

  /**
   * Sets the group of near caches that invalidate each other (see {@link #getName()}); default
   * {@value #DEFAULT_NAME}. Near caches in front of different stores take different names.
   *
   * @param name the group's name, not blank
   * @return these options
   * @throws IllegalArgumentException when {@code name} is {@code null} or blank
   */
  public NearCacheOptions setName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
    return this;
  }

  /**
   * How often the backing store is probed while the near cache answers from memory (default 1 s):
   * a failing probe, like any failing call, drops the near cache.
   *
   * @return the probe interval
   */
  public Duration getProbeInterval() {
    return probeInterval;
  }

  /**
   * Sets how often the backing store is probed (see {@link #getProbeInterval()}); default 1 s
   * ({@link #DEFAULT_PROBE_INTERVAL}): a node serving only hits notices a lost store within it.
   *
   * @param probeInterval the interval, at least 1 ms
   * @return these options
   * @throws NullPointerException     when {@code probeInterval} is {@code null}
   * @throws IllegalArgumentException when {@code probeInterval} is shorter than 1 ms
   */
  public NearCacheOptions setProbeInterval(Duration probeInterval) {
    Objects.requireNonNull(probeInterval, "probeInterval");
    if (probeInterval.toMillis() < 1) {
      throw new IllegalArgumentException("probeInterval must be at least 1 ms, got " + probeInterval);
    }
    this.probeInterval = probeInterval;
    return this;
  }

  /**
   * The clock of max ages and TTLs, or {@code null} (the default) for the clock the memory store
   * uses: {@code System.nanoTime()} refreshed every millisecond by one daemon thread, so a hit
   * reads a field. A fake ticker tests expiry without waiting.
   *
   * @return the ticker, or {@code null} for the shared clock
   */
  public Ticker getTicker() {
    return ticker;
  }

  /**
   * Sets the clock of max ages and TTLs (see {@link #getTicker()}); default {@code null}: the
   * shared millisecond clock.
   *
   * @param ticker the ticker (nanoseconds), or {@code null} for the shared clock
   * @return these options
   */
  public NearCacheOptions setTicker(Ticker ticker) {
    this.ticker = ticker;
    return this;
  }

  /**
   * The settings as JSON, readable by {@link #NearCacheOptions(JsonObject)}; the ticker is left out.
   *
   * @return the settings, durations in milliseconds
   */
  public JsonObject toJson() {
    return new JsonObject()
      .put("maxAgeMillis", maxAge.toMillis())
      .put("maxEntries", maxEntries)
      .put("name", name)
      .put("probeIntervalMillis", probeInterval.toMillis());
  }
}
