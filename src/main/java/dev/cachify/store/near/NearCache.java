package dev.cachify.store.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process half of a {@link NearCacheStore}: a bounded Caffeine cache of {@link NearEntry}s
 * that expire at their own deadline, and the generations that keep a slow load from putting back
 * a value an invalidation already removed.
 *
 * <p>Every key maps to one of {@value #STRIPES} generation counters. A load takes a
 * {@link #stamp} (the counter) before it reads the backing store and {@link #offer}s its value
 * with it; the offer stores only while the counter is unchanged, checked inside the cache's
 * {@code compute} on the key. {@link #invalidate} bumps the counter inside a {@code compute} on the
 * same key, so the two are serialised: either the value went in first and the invalidation removes
 * it, or the invalidation went first and the offer sees a new generation. Keys sharing a counter
 * only cost each other a missed store. {@link #dropAll} bumps every counter before clearing.
 *
 * <p>While the cache is not {@link #isListening() listening} for other nodes' invalidations, or
 * the backing store is {@link #isStoreUp() failing}, stamps are {@link #NO_STAMP} and nothing is
 * stored; either going false drops everything.
 */
final class NearCache {

  static final long NO_STAMP = -1;
  /** A power of two. */
  private static final int STRIPES = 4096;
  /** Reads are quiet; a random one in this many also feeds the eviction policy (as MemoryStore). */
  private static final int RECORDED_HIT_EVERY = 128;

  private final Cache<String, NearEntry> cache;
  private final ConcurrentMap<String, NearEntry> entries;
  private final Policy<String, NearEntry> policy;
  private final Ticker ticker;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private volatile boolean listening;
  private volatile boolean storeUp = true;

  NearCache(long maxEntries, Ticker ticker) {
    this.ticker = ticker;
    this.cache = Caffeine.newBuilder()
      .maximumSize(maxEntries)
      .expireAfter(new UntilDeadline())
      .ticker(ticker)
      .build();
    this.entries = cache.asMap();
    this.policy = cache.policy();
  }

  /** Now, on the cache's clock (nanoseconds). */
  long now() {
    return ticker.read();
  }

  /** The live entry under {@code key}, or {@code null}: the hot path, one quiet Caffeine read. */
  NearEntry get(String key) {
    return ThreadLocalRandom.current().nextInt(RECORDED_HIT_EVERY) == 0
      ? cache.getIfPresent(key)
      : policy.getIfPresentQuietly(key);
  }

  /** What a load of {@code key} takes before reading the backing store; see {@link #offer}. */
  long stamp(String key) {
    return listening && storeUp ? generations.get(stripe(key)) : NO_STAMP;
  }

  /**
   * Keeps {@code entry} under {@code key} only if no invalidation of the key and no drop happened
   * since {@code stamp} was taken, and it has time left: true when it did.
   */
  boolean offer(String key, long stamp, NearEntry entry) {
    if (stamp == NO_STAMP || entry.deadline() - ticker.read() <= 0) {
      return false;
    }
    boolean[] stored = {false};
    entries.compute(key, (k, old) -> {
      if (generations.get(stripe(k)) != stamp) {
        return old;
      }
      stored[0] = true;
      return entry;
    });
    return stored[0];
  }

  /** Removes {@code key}; loads of it in flight will not store what they read. */
  void invalidate(String key) {
    entries.compute(key, (k, old) -> {
      generations.incrementAndGet(stripe(k));
      return null;
    });
  }

  /** Removes everything; no load in flight will store. */
  void dropAll() {
    for (int i = 0; i < STRIPES; i++) {
      generations.incrementAndGet(i);
    }
    cache.invalidateAll();
  }

  boolean isListening() {
    return listening;
  }

  /** Answers whether it changed; stopping drops everything. */
  synchronized boolean setListening(boolean listening) {
    if (this.listening == listening) {
      return false;
    }
    this.listening = listening;
    if (!listening) {
      dropAll();
    }
    return true;
  }

  boolean isStoreUp() {
    return storeUp;
  }

  /** Answers whether it changed; a failing store drops everything. */
  synchronized boolean setStoreUp(boolean storeUp) {
    if (this.storeUp == storeUp) {
      return false;
    }
    this.storeUp = storeUp;
    if (!storeUp) {
      dropAll();
    }
    return true;
  }

  /** How many entries are held (expired ones not yet swept excluded), for tests and metrics. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /** Each entry lives until its own deadline; reads do not extend it. */
  private static final class UntilDeadline implements Expiry<String, NearEntry> {

    @Override
    public long expireAfterCreate(String key, NearEntry entry, long currentTime) {
      return Math.max(0, entry.deadline() - currentTime);
    }

    @Override
    public long expireAfterUpdate(String key, NearEntry entry, long currentTime, long currentDuration) {
      return Math.max(0, entry.deadline() - currentTime);
    }

    @Override
    public long expireAfterRead(String key, NearEntry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
