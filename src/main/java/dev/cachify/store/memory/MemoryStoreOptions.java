package dev.cachify.store.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.json.JsonObject;

/**
 * Settings of a {@link MemoryStore}: how many values it keeps, and its clock.
 *
 * <pre>{@code
 * new MemoryStoreOptions().setMaximumSize(10_000);
 * }</pre>
 */
public class MemoryStoreOptions {

  /** Default bound on cached values: 100,000. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private long maximumSize = DEFAULT_MAXIMUM_SIZE;
  private Ticker ticker;

  /** The defaults: 100,000 values, the shared millisecond clock. */
  public MemoryStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public MemoryStoreOptions(MemoryStoreOptions other) {
    this.maximumSize = other.maximumSize;
    this.ticker = other.ticker;
  }

  /**
   * Reads {@code maximumSize}; a ticker cannot come from JSON and stays the default.
   *
   * @param json the settings, as {@link #toJson()} writes them
   * @throws IllegalArgumentException when {@code maximumSize} is negative
   */
  public MemoryStoreOptions(JsonObject json) {
    setMaximumSize(json.getLong("maximumSize", DEFAULT_MAXIMUM_SIZE));
  }

  /**
   * How many values the store keeps before evicting the least useful ones (Caffeine's policy);
   * default 100,000. Locks and pools are not counted and never evicted for
   * size: they leave when released or expired, so a bounded cache never drops a held lock.
   *
   * @return the most values kept
   */
  public long getMaximumSize() {
    return maximumSize;
  }

  /**
   * Sets how many values the store keeps before evicting (see {@link #getMaximumSize()}); default
   * 100,000. An evicted entry is a miss: its function runs again.
   *
   * @param maximumSize the most values kept, 0 or more
   * @return these options
   * @throws IllegalArgumentException when {@code maximumSize} is negative
   */
  public MemoryStoreOptions setMaximumSize(long maximumSize) {
    if (maximumSize < 0) {
      throw new IllegalArgumentException("maximumSize must be >= 0, got " + maximumSize);
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /**
   * The time source for expiry, or {@code null} (the default) for a clock shared by all memory
   * stores that one daemon thread refreshes every millisecond: a cache hit then reads a field
   * instead of calling {@code System.nanoTime()}, which costs more than the hit itself on common
   * VMs. Entries expire up to about a millisecond late, never early. Set
   * {@link Ticker#systemTicker()} for exact time, or a fake ticker to test expiry without waiting.
   *
   * @return the ticker, or {@code null} for the shared clock
   */
  public Ticker getTicker() {
    return ticker;
  }

  /**
   * Sets the time source for expiry (see {@link #getTicker()}); default {@code null}: the shared
   * millisecond clock.
   *
   * <pre>{@code
   * AtomicLong nanos = new AtomicLong();
   * Store store = MemoryStore.create(new MemoryStoreOptions().setTicker(nanos::get));
   * nanos.addAndGet(Duration.ofSeconds(301).toNanos()); // a 300 s entry has now expired
   * }</pre>
   *
   * @param ticker the ticker (nanoseconds), or {@code null} for the shared clock
   * @return these options
   */
  public MemoryStoreOptions setTicker(Ticker ticker) {
    this.ticker = ticker;
    return this;
  }

  /**
   * The settings as JSON, readable by {@link #MemoryStoreOptions(JsonObject)}; the ticker is left out.
   *
   * @return {@code {"maximumSize": n}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("maximumSize", maximumSize);
  }
}
