package dev.cachify.store.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.json.JsonObject;

/**
 * Settings of a {@link MemoryStore}.
 *
 * <pre>{@code
 * new MemoryStoreOptions().setMaximumSize(10_000);
 * }</pre>
 */
public class MemoryStoreOptions {

  /** Default bound on cached values: {@value}. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private long maximumSize = DEFAULT_MAXIMUM_SIZE;
  private Ticker ticker;

  public MemoryStoreOptions() {
  }

  public MemoryStoreOptions(MemoryStoreOptions other) {
    this.maximumSize = other.maximumSize;
    this.ticker = other.ticker;
  }

  /** Reads {@code maximumSize}; a ticker cannot come from JSON and stays the default. */
  public MemoryStoreOptions(JsonObject json) {
    setMaximumSize(json.getLong("maximumSize", DEFAULT_MAXIMUM_SIZE));
  }

  /**
   * How many values the store keeps before evicting the least useful ones (Caffeine's policy);
   * default {@value #DEFAULT_MAXIMUM_SIZE}. Locks and pools are not counted and never evicted for
   * size: they leave when released or expired, so a bounded cache never drops a held lock.
   */
  public long getMaximumSize() {
    return maximumSize;
  }

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
   */
  public Ticker getTicker() {
    return ticker;
  }

  public MemoryStoreOptions setTicker(Ticker ticker) {
    this.ticker = ticker;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("maximumSize", maximumSize);
  }
}
