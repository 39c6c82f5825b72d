package dev.cachify.store.memory;

import dev.cachify.store.impl.CoarseTicker;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachify.store.impl.FencingSequence;
import dev.cachify.store.LockWatch;
import dev.cachify.store.impl.ReleaseListeners;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The embedded default store: one JVM, one Caffeine cache with per-entry expiry. Values, locks and
 * pools are entries of one cache; every compare operation is one atomic {@code compute} on the
 * key, and an expired entry counts as absent. Every future it answers is already completed, and
 * none fails with a {@code StoreException}: the store is always there.
 *
 * <p>Hits are built to cost about a bare Caffeine read: the clock is a shared millisecond ticker
 * (see {@link MemoryStoreOptions#getTicker()}), reads do not reschedule expiry timers, and a
 * repeated hit hands back the entry's decoded answer. Only values count towards the size bound.
 *
 * <p>Only for one process: two JVMs with a memory store each do not see each other's locks. Use
 * the shared-data or Redis store to coordinate a cluster.
 *
 * <pre>{@code
 * Store store = MemoryStore.create(new MemoryStoreOptions().setMaximumSize(10_000));
 * Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store));
 * }</pre>
 */
public final class MemoryStore implements Store {

  /** What {@link #name()} answers: {@value}. */
  public static final String NAME = "memory";

  private static final Future<Boolean> TRUE = Future.succeededFuture(true);
  private static final Future<Boolean> FALSE = Future.succeededFuture(false);

  /** Reads are quiet; a random one in this many also feeds the eviction policy (see read). */
  private static final int RECORDED_HIT_EVERY = 128;

  private final Cache<String, StoreEntry> cache;
  private final ConcurrentMap<String, StoreEntry> entries;
  private final Policy<String, StoreEntry> policy;
  private final Ticker ticker;
  private final boolean sharedClock;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** One sequence for every key: growing for all keys, it grows for each key's holders. */
  private final FencingSequence fences = new FencingSequence();
  private final ReleaseListeners releases = new ReleaseListeners();

  /** A store with the default options. */
  public MemoryStore() {
    this(new MemoryStoreOptions());
  }

  /**
   * A store with {@code options}; they are read now, later changes to them change nothing.
   *
   * @param options the settings
   * @throws NullPointerException when {@code options} is {@code null}
   */
  public MemoryStore(MemoryStoreOptions options) {
    Objects.requireNonNull(options, "options");
    this.sharedClock = options.getTicker() == null;
    this.ticker = sharedClock ? CoarseTicker.acquire() : options.getTicker();
    this.cache = Caffeine.newBuilder()
      // Weight 0 keeps locks and pools out of size-based eviction: only values are counted.
      .maximumWeight(options.getMaximumSize())
      .weigher((String key, StoreEntry entry) -> entry instanceof ValueEntry ? 1 : 0)
      .expireAfter(new EntryExpiry())
      .ticker(ticker)
      .build();
    this.entries = cache.asMap();
    this.policy = cache.policy();
  }

  /**
   * A store with the default options (at most 100,000
   * values).
   *
   * @return the store
   */
  public static MemoryStore create() {
    return new MemoryStore();
  }

  /**
   * A store with {@code options}.
   *
   * @param options the settings
   * @return the store
   * @throws NullPointerException when {@code options} is {@code null}
   */
  public static MemoryStore create(MemoryStoreOptions options) {
    return new MemoryStore(options);
  }

  @Override
  public Future<Buffer> get(String key) {
    // A copy, as a remote store would hand out: callers may not change what later hits read.
    return read(key) instanceof ValueEntry value
      ? Future.succeededFuture(value.bytes().copy())
      : Future.succeededFuture();
  }

  /**
   * The hot path of {@code cached}: one quiet cache read and, on a repeated hit, neither decoding
   * nor allocation (the entry keeps its decoded answer).
   */
  @Override
  public <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return read(key) instanceof ValueEntry value ? value.decoded(decoder) : Future.succeededFuture();
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    cache.put(key, new ValueEntry(value.copy(), Deadlines.after(ticker.read(), ttl)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    long now = ticker.read();
    ValueEntry mine = new ValueEntry(value.copy(), Deadlines.after(now, ttl));
    StoreEntry after = entries.compute(key, (k, old) -> holds(old, expected, now) ? mine : old);
    return after == mine ? TRUE : FALSE;
  }

  /** Whether {@code entry} is what a compare expects: absent for {@code null}, else equal bytes. */
  private static boolean holds(StoreEntry entry, Buffer expected, long now) {
    if (entry == null || !entry.isLive(now)) {
      return expected == null;
    }
    return expected != null && entry instanceof ValueEntry value && value.bytes().equals(expected);
  }

  @Override
  public Future<Void> delete(String key) {
    cache.invalidate(key);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    long now = ticker.read();
    LockEntry mine = new LockEntry(token, Deadlines.after(now, ttl));
    long[] fence = {0};
    // Any live entry under the key (a lock, or a value as with Redis SET NX) keeps it taken. The
    // fence is drawn inside the compute, so holders of one key draw in the order they held it.
    StoreEntry after = entries.compute(key, (k, old) -> {
      if (old != null && old.isLive(now)) {
        return old;
      }
      fence[0] = fences.next();
      return mine;
    });
    return Future.succeededFuture(after == mine ? fence[0] : null);
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    long now = ticker.read();
    boolean[] released = {false};
    entries.computeIfPresent(key, (k, old) -> {
      if (old instanceof LockEntry lock && lock.isHeldBy(token, now)) {
        released[0] = true;
        return null;
      }
      return old;
    });
    if (released[0]) {
      releases.released(key);
      return TRUE;
    }
    return FALSE;
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return Future.succeededFuture(releases.add(key, onRelease));
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    StoreEntry entry = read(key);
    if (!(entry instanceof LockEntry lock)) {
      return Future.succeededFuture(0L);
    }
    return Future.succeededFuture(lock.deadline() == Deadlines.NEVER ? -1L
      : Math.max(1, Deadlines.remaining(lock.deadline(), ticker.read()) / 1_000_000));
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    long now = ticker.read();
    boolean[] extended = {false};
    entries.computeIfPresent(key, (k, old) -> {
      if (old instanceof LockEntry lock && lock.isHeldBy(token, now)) {
        extended[0] = true;
        return new LockEntry(token, Deadlines.after(now, ttl));
      }
      return old;
    });
    return extended[0] ? TRUE : FALSE;
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return read(key) instanceof LockEntry ? TRUE : FALSE;
  }

  /** The slot id is the token; a token that already holds a slot gets it back with a new expiry. */
  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    if (maxSize < 1) {
      return Future.failedFuture(new IllegalArgumentException("maxSize must be >= 1, got " + maxSize));
    }
    long now = ticker.read();
    long slotDeadline = Deadlines.after(now, slotTtl);
    StoreEntry after = entries.compute(key, (k, old) -> {
      if (old == null || !old.isLive(now)) {
        return PoolEntry.EMPTY.with(token, slotDeadline);
      }
      if (!(old instanceof PoolEntry pool)) {
        return old; // a value or a lock lives here: not a pool, so no slot
      }
      PoolEntry live = pool.pruned(now);
      return live.holds(token, now) || live.liveCount(now) < maxSize ? live.with(token, slotDeadline) : live;
    });
    return Future.succeededFuture(after instanceof PoolEntry pool && pool.holds(token, now) ? token : null);
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    long now = ticker.read();
    boolean[] released = {false};
    entries.computeIfPresent(key, (k, old) -> {
      if (!(old instanceof PoolEntry pool)) {
        return old;
      }
      PoolEntry live = pool.pruned(now);
      if (live.holds(slotId, now)) {
        released[0] = true;
        live = live.without(slotId);
      }
      return live.isEmpty() ? null : live;
    });
    return released[0] ? TRUE : FALSE;
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    long now = ticker.read();
    return Future.succeededFuture(read(key) instanceof PoolEntry pool ? pool.liveCount(now) : 0);
  }

  /**
   * The live entry under {@code key}. With per-entry expiry a recorded read ({@code getIfPresent})
   * costs several times a plain map read (it reschedules the entry's timer), more than the hot
   * path may spend; so reads are quiet and a random one in {@value #RECORDED_HIT_EVERY} is
   * recorded. Hot keys are read often enough that the eviction policy still learns they are hot,
   * as it does from Caffeine's own lossy read buffer under load.
   */
  private StoreEntry read(String key) {
    return ThreadLocalRandom.current().nextInt(RECORDED_HIT_EVERY) == 0
      ? cache.getIfPresent(key)
      : policy.getIfPresentQuietly(key);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> close() {
    cache.invalidateAll();
    cache.cleanUp();
    if (sharedClock && closed.compareAndSet(false, true)) {
      CoarseTicker.release();
    }
    return Future.succeededFuture();
  }
}
