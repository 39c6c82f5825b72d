package dev.cachify.store.near;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachify.store.ExpiringGet;
import dev.cachify.store.ExpiringGet.TimedValue;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import dev.cachify.store.StoreException;
import dev.cachify.store.impl.CoarseTicker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A near cache: values read from a backing store (Redis, shared-data) kept in this process for a
 * few seconds, so that a hit costs one Caffeine read and, through {@link #getDecoded}, no decoding
 * and no allocation. Locks, pools and compare-and-set go to the backing store; every write (set,
 * delete, a compare-and-set that stored) drops the key here and in every other near cache of the
 * cluster before it completes. A decorator: {@code Cachify} and cached functions use it as any
 * store.
 *
 * <pre>{@code
 * Store store = NearCacheStore.wrap(vertx, RedisStore.create(vertx, url),
 *   new NearCacheOptions().setMaxAge(Duration.ofSeconds(5)).setMaxEntries(10_000));
 * }</pre>
 *
 * <p><b>Guarantee.</b> Let W be a {@code set}, a {@code delete} or a {@code compareAndSet} that
 * stored, made through a near cache on node A, whose future succeeded. A read ({@code get},
 * {@code getDecoded}) that starts after W's future completed, through a near cache of the same
 * {@linkplain NearCacheOptions#getName() name} on A or on any other node of A's cluster, never
 * answers a value that W replaced, unless that node had left A's view of the cluster when W was
 * announced (see the limits). A reset of a cached function is such a set (of a tombstone), so once
 * it returned on A no read on B answers the value from before it.
 *
 * <p>How: (1) after the backing store took W, A drops the key here and asks every registered near
 * cache to drop it, and completes W once each acknowledged; one that does not acknowledge is
 * waited out: W completes when the max age (plus a clock slack) has passed since the write, and by
 * then that node can answer nothing it read before W (see {@code Invalidations}). (2) A load keeps
 * what it read only if no invalidation of its key and no drop happened since it began, checked
 * atomically with the store ({@code NearCache}): a read racing W's invalidation answers its caller
 * what it read (it began before W completed) but does not keep it. (3) A near cache keeps nothing
 * until it is registered with the cluster.
 *
 * <p><b>Always</b>, whatever fails: a value is answered at most {@linkplain NearCacheOptions#getMaxAge()
 * max age} after the read of the backing store that fetched it began, and never after the TTL the
 * store reported with it ({@link ExpiringGet}: Redis; the shared-data store reports none, so there
 * an entry may be answered up to max age after its TTL ran out). Ages are measured on each node's
 * monotonic clock, read by hits through a clock that lags by about a millisecond; a writer waiting
 * out a member allows {@code Invalidations.CLOCK_SLACK} (100 ms) for it.
 *
 * <p><b>Drops.</b> The near cache drops everything, logs a line, and keeps nothing while: a call
 * to the backing store fails with a {@link StoreException} (a probe every
 * {@linkplain NearCacheOptions#getProbeInterval() probe interval} notices a lost Redis on a node
 * serving only hits), until a call succeeds; this node sees a member leave the cluster, or one it
 * saw leave come back, until it registered again; it is closed.
 *
 * <p><b>Limits.</b>
 * <ul>
 *   <li>A node split from A by the network but still reaching the backing store is no longer
 *   waited for once A saw it leave; it drops its near cache when it sees the split itself, which
 *   its failure detector may notice later than A's. Until then it may answer a value W replaced,
 *   for at most max age after W.</li>
 *   <li>Writes that bypass near caches of this name (another process, {@code redis-cli}, a node
 *   without a near cache) are seen when the entry ages out: at most max age later.</li>
 *   <li>Near caches hear each other only within one Vert.x (not clustered) or one cluster.</li>
 *   <li>A write whose future failed is announced all the same (it may have been applied) but
 *   guarantees nothing.</li>
 *   <li>Lock and pool keys are not values: {@code get} on them is not kept coherent.</li>
 *   <li>Cost: a write adds a registry read and one event-bus round trip to every other near cache,
 *   in parallel; while a member does not answer (a crashed node until Hazelcast drops it, about
 *   15 s), writes take up to max age.</li>
 * </ul>
 */
public final class NearCacheStore implements Store {

  private static final Logger LOG = LoggerFactory.getLogger(NearCacheStore.class);
  /** Read by the probe: any key will do, it only has to reach the store. */
  static final String PROBE_KEY = "cachify:near-cache:probe";

  private final Vertx vertx;
  private final Store backing;
  private final ExpiringGet expiring;
  private final NearCache near;
  private final Invalidations invalidations;
  private final String name;
  private final long maxAgeNanos;
  private final boolean sharedClock;
  private final Context context;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private volatile long probeTimer = -1;
  private final AtomicBoolean probing = new AtomicBoolean();

  private NearCacheStore(Vertx vertx, Store backing, NearCacheOptions options) {
    this.vertx = vertx;
    this.backing = backing;
    this.expiring = backing instanceof ExpiringGet timed ? timed : null;
    this.name = options.getName();
    this.maxAgeNanos = options.getMaxAge().toNanos();
    this.sharedClock = options.getTicker() == null;
    Ticker ticker = sharedClock ? CoarseTicker.acquire() : options.getTicker();
    this.near = new NearCache(options.getMaxEntries(), ticker);
    // A context of its own: the consumer and timers outlive whichever verticle built the store.
    this.context = vertx instanceof VertxInternal internal ? internal.createEventLoopContext() : vertx.getOrCreateContext();
    this.invalidations = new Invalidations(vertx, context, near, name, options.getMaxAge());
    if (!vertx.isClustered()) {
      LOG.info("Near cache '{}' on a Vert.x that is not clustered: only near caches of this Vert.x hear "
        + "each other's writes; other processes' writes show within {} ms", name, options.getMaxAge().toMillis());
    }
    long probeMillis = options.getProbeInterval().toMillis();
    context.runOnContext(v -> probeTimer = vertx.setPeriodic(probeMillis, id -> probe()));
  }

  /**
   * A near cache in front of {@code backing}. It answers at once, through the backing store, and
   * begins keeping values once registered with the cluster ({@link #ready()}). Closing it closes
   * {@code backing}.
   *
   * @param vertx   the Vert.x whose event bus (and cluster) the near caches share
   * @param backing the store read through and written to, usually a {@code RedisStore} or a
   *                {@code SharedDataStore}
   * @param options the settings; copied
   * @return the near cache
   * @throws NullPointerException when an argument is {@code null}
   */
  public static NearCacheStore wrap(Vertx vertx, Store backing, NearCacheOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(backing, "backing");
    Objects.requireNonNull(options, "options");
    NearCacheStore store = new NearCacheStore(vertx, backing, new NearCacheOptions(options));
    store.invalidations.start().onFailure(e -> LOG.warn("Near cache '{}' not started: {}", store.name, e.getMessage()));
    return store;
  }

  /**
   * A near cache with the default options (5 s max age, 10,000 entries); see
   * {@link #wrap(Vertx, Store, NearCacheOptions)}.
   *
   * @param vertx   the Vert.x whose event bus (and cluster) the near caches share
   * @param backing the store read through and written to
   * @return the near cache
   * @throws NullPointerException when an argument is {@code null}
   */
  public static NearCacheStore wrap(Vertx vertx, Store backing) {
    return wrap(vertx, backing, new NearCacheOptions());
  }

  /**
   * Completes once this near cache is registered with the cluster and keeps what it reads. Until
   * then every read goes to the backing store, which is correct, only slower.
   *
   * @return a future that succeeds on the first registration; fails when the near cache is closed
   *     before it
   */
  public Future<Void> ready() {
    return invalidations.ready();
  }

  /** {@return the store behind the near cache} */
  public Store backing() {
    return backing;
  }

  // ---- reads -------------------------------------------------------------------------------------

  @Override
  public Future<Buffer> get(String key) {
    NearEntry hit = near.get(key);
    if (hit != null) {
      hits.increment();
      // A copy, as a remote store hands out: callers may not change what later hits read.
      return Future.succeededFuture(hit.bytes().copy());
    }
    return load(key).map(loaded -> loaded == null ? null : loaded.bytes().copy());
  }

  /** The hot path of {@code cached}: a hit is one quiet Caffeine read and the entry's memo. */
  @Override
  public <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    NearEntry hit = near.get(key);
    if (hit != null) {
      hits.increment();
      return hit.decoded(decoder);
    }
    return load(key).compose(loaded -> loaded == null ? Future.succeededFuture() : loaded.decoded(decoder));
  }

  /** {@return how many reads this node's near cache answered, without a round trip to the store} */
  public long hits() {
    return hits.sum();
  }

  /** {@return how many reads went to the store: absent here, expired, dropped or invalidated} */
  public long misses() {
    return misses.sum();
  }

  /** Reads the backing store and keeps the value unless an invalidation or a drop came meanwhile. */
  private Future<NearEntry> load(String key) {
    misses.increment();
    long stamp = near.stamp(key);
    long began = near.now();
    return watch(readWithTtl(key)).map(read -> {
      if (read == null) {
        return null;
      }
      long keep = read.ttl() == null ? maxAgeNanos : Math.min(maxAgeNanos, read.ttl().toNanos());
      NearEntry entry = new NearEntry(read.value(), began + keep);
      near.offer(key, stamp, entry);
      return entry;
    });
  }

  private Future<TimedValue> readWithTtl(String key) {
    if (expiring != null) {
      return expiring.getWithTtl(key);
    }
    return backing.get(key).map(value -> value == null ? null : new TimedValue(value, null));
  }

  // ---- writes ------------------------------------------------------------------------------------

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    return announced(key, watch(backing.set(key, value, ttl)));
  }

  /** Stored: announced like a set. Not stored: nothing changed, nothing to announce. */
  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    Future<Boolean> write = watch(backing.compareAndSet(key, expected, value, ttl));
    return write.transform(done -> done.succeeded() && !done.result() ? write : announced(key, write));
  }

  @Override
  public Future<Void> delete(String key) {
    return announced(key, watch(backing.delete(key)));
  }

  /**
   * {@code write} once it completed and every near cache dropped {@code key}; a failed write is
   * announced too (it may have been applied before the failure) and keeps its failure.
   */
  private <T> Future<T> announced(String key, Future<T> write) {
    return write.transform(done -> {
      near.invalidate(key);
      return invalidations.announce(key).transform(announced -> write);
    });
  }

  // ---- straight to the backing store -------------------------------------------------------------

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return watch(backing.acquireLock(key, token, ttl));
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return watch(backing.releaseLock(key, token));
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return watch(backing.extendLock(key, token, ttl));
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return watch(backing.isLocked(key));
  }

  @Override
  public Future<Void> ping() {
    return watch(backing.ping());
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return watch(backing.watchReleases(key, onRelease));
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return watch(backing.lockRemainingMillis(key));
  }

  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    return watch(backing.acquireSlot(key, token, maxSize, slotTtl));
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return watch(backing.releaseSlot(key, slotId));
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return watch(backing.poolSize(key, maxSize));
  }

  // ---- the backing store's health ----------------------------------------------------------------

  /** {@code call} as it is; a store failure drops the near cache, the next success resumes it. */
  private <T> Future<T> watch(Future<T> call) {
    return call.andThen(done -> {
      if (done.succeeded()) {
        if (!near.isStoreUp() && near.setStoreUp(true)) {
          LOG.info("Near cache '{}' caching again: the {} store answers", name, backing.name());
        }
      } else if (done.cause() instanceof StoreException && near.setStoreUp(false)) {
        LOG.warn("Near cache '{}' dropped: the {} store failed ({}); not caching until it answers",
          name, backing.name(), done.cause().getMessage());
      }
    });
  }

  private void probe() {
    if (closed.get() || !probing.compareAndSet(false, true)) {
      return;
    }
    watch(backing.get(PROBE_KEY)).onComplete(done -> probing.set(false));
  }

  // ---- the rest ----------------------------------------------------------------------------------

  /** How many values are kept now; for tests. */
  long size() {
    return near.size();
  }

  /** Whether a live value of {@code key} is kept now; for tests. */
  boolean holds(String key) {
    return near.get(key) != null;
  }

  /** Whether loads now keep what they read (registered, and the store answers); for tests. */
  boolean isCaching() {
    return near.isListening() && near.isStoreUp();
  }

  String memberId() {
    return invalidations.memberId();
  }

  @Override
  public String name() {
    return backing.name() + "+near";
  }

  /** Leaves the cluster's near caches, drops everything, then closes the backing store. */
  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> vertx.cancelTimer(probeTimer));
    return invalidations.close().eventually(() -> {
      near.dropAll();
      if (sharedClock) {
        CoarseTicker.release();
      }
      return backing.close();
    });
  }
}
