package dev.cachify.store.shareddata;

import dev.cachify.store.impl.FencingSequence;
import dev.cachify.store.LockWatch;
import dev.cachify.store.impl.ReleaseListeners;
import dev.cachify.store.Store;
import dev.cachify.store.impl.StoreCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A store over one Vert.x {@code SharedData} async map: local to the process when Vert.x runs
 * alone, cluster-wide when Vert.x is clustered (Hazelcast), so a cluster without Redis still
 * shares its cache and coordinates its locks and pools. Values are kept as {@link Buffer}s, lock
 * tokens as Strings; every call fails with a {@code StoreException} after the configured timeout.
 *
 * <p><b>Guarantee.</b> Locks are {@code putIfAbsent} with a TTL, released and extended by compare
 * on the token. On one node this is exact. On Hazelcast open source the map is AP: each key has
 * one owner and its backups, and a network split lets each side elect its own owner, so during a
 * split two holders can take the same lock, and a member's death can lose the latest writes
 * before its backup took them. Use the Redis store (or accept the risk) where that matters.
 *
 * <p><b>Expiry.</b> On the local map a TTL is kept to the millisecond by a timer (an expired lock
 * may linger while the timer is late; it still never has two holders). Hazelcast keeps expiry
 * instants in whole seconds, so there an entry lives at least its TTL and at most a second more.
 *
 * <p>Values are compared and set with {@code putIfAbsent} (absent expected) or a compare on the
 * bytes then {@code replaceIfPresent} (an entry processor on Hazelcast). On the local map an entry
 * whose TTL just ran out may stay until its timer fires (a millisecond or so); until then it is
 * not absent to {@code putIfAbsent}, so a compare-and-set expecting absence fails: the safe side.
 *
 * <p>Pools use {@code maxSize} keys {@code key#0 .. key#(maxSize-1)}, one per slot, each taken with
 * an expiring {@code putIfAbsent}; a slot id is {@code index:token}.
 *
 * <pre>{@code
 * Store store = SharedDataStore.create(vertx, new SharedDataStoreOptions().setTimeoutMillis(1000));
 * }</pre>
 */
public final class SharedDataStore implements Store {

  /** What {@link #name()} answers: {@value}. */
  public static final String NAME = "shared-data";
  private static final String FENCE_COUNTER_PREFIX = "cachify.fence:";
  /** Where releases are announced, to every node: {@code {"map", "key"}}. */
  static final String RELEASED_ADDRESS = "cachify.store.lock-released";

  private final Vertx vertx;
  private final String mapName;
  private final long timeoutMillis;
  private final MapBackend backend;
  private final ReleaseListeners releases = new ReleaseListeners();
  /** The consumer of release notices, registered on the first watch. Guarded by this. */
  private Future<Void> releaseNotices;
  private MessageConsumer<JsonObject> releaseConsumer;
  /** Asked for once; asked again only after a failure (the cluster may have been away). */
  private volatile Future<AsyncMap<String, Object>> map;

  /**
   * A store over the async map {@code options} name, on {@code vertx}'s shared data: clustered
   * when {@code vertx} is. The map is asked for on first use.
   *
   * @param vertx   the Vert.x whose shared data holds the map
   * @param options the map's name and the call timeout; read now
   * @throws NullPointerException when an argument is {@code null}
   */
  public SharedDataStore(Vertx vertx, SharedDataStoreOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.mapName = options.getMapName();
    this.timeoutMillis = options.getTimeoutMillis();
    this.backend = MapBackend.forVertx(vertx, mapName);
  }

  /**
   * A store over the map {@value SharedDataStoreOptions#DEFAULT_MAP_NAME} with a 2 s call timeout.
   *
   * <pre>{@code
   * Store shared = SharedDataStore.create(vertx); // cluster-wide when vertx is clustered
   * }</pre>
   *
   * @param vertx the Vert.x whose shared data holds the map
   * @return the store
   * @throws NullPointerException when {@code vertx} is {@code null}
   */
  public static SharedDataStore create(Vertx vertx) {
    return new SharedDataStore(vertx, new SharedDataStoreOptions());
  }

  /**
   * A store with {@code options}; see {@link #SharedDataStore(Vertx, SharedDataStoreOptions)}.
   *
   * @param vertx   the Vert.x whose shared data holds the map
   * @param options the map's name and the call timeout
   * @return the store
   * @throws NullPointerException when an argument is {@code null}
   */
  public static SharedDataStore create(Vertx vertx, SharedDataStoreOptions options) {
    return new SharedDataStore(vertx, options);
  }

  @Override
  public Future<Buffer> get(String key) {
    // A lock or slot key holds a String token: not a value.
    return call("get", key, m -> m.get(key).map(value -> value instanceof Buffer bytes ? bytes : null));
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    long ttlMillis = backend.ttlMillis(ttl);
    return call("set", key, m -> ttlMillis == TtlMillis.NEVER ? m.put(key, value) : m.put(key, value, ttlMillis));
  }

  /** Absent expected: {@code putIfAbsent} with the TTL; else the backend's compare-and-replace. */
  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    long ttlMillis = backend.ttlMillis(ttl);
    return call("compareAndSet", key, m -> expected == null
      ? putIfAbsent(m, key, value, ttlMillis)
      : backend.replace(m, key, expected, value, ttlMillis));
  }

  @Override
  public Future<Void> delete(String key) {
    return call("delete", key, m -> m.remove(key).mapEmpty());
  }

  /**
   * {@code putIfAbsent}, then the key's fence counter advances, then the lock is confirmed by a
   * compare-and-expire on its owner (its life counts from there): a taker whose lock expired
   * before its fence was drawn gets no lock, since a later holder may have drawn a smaller fence
   * before it. So every holder that gets a fence drew it while holding.
   */
  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    long ttlMillis = backend.ttlMillis(ttl);
    return call("acquireLock", key, m -> putIfAbsent(m, key, token, ttlMillis)
      .compose(taken -> taken ? drawFence(m, key, token, ttlMillis) : Future.<Long>succeededFuture(null)));
  }

  /** A release is announced on the event bus to every node, so that their waiters wake. */
  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return call("releaseLock", key, m -> m.removeIfPresent(key, token)).onSuccess(released -> {
      if (released) {
        vertx.eventBus().publish(RELEASED_ADDRESS, new JsonObject().put("map", mapName).put("key", key));
      }
    });
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    LockWatch watch = releases.add(key, onRelease);
    return releaseNotices().map(listening -> watch).recover(failure -> {
      watch.close();
      return Future.succeededFuture(LockWatch.NONE);
    });
  }

  private synchronized Future<Void> releaseNotices() {
    if (releaseNotices == null || releaseNotices.failed()) {
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(RELEASED_ADDRESS, message -> {
        JsonObject notice = message.body();
        if (mapName.equals(notice.getString("map"))) {
          releases.released(notice.getString("key"));
        }
      });
      releaseConsumer = consumer;
      releaseNotices = consumer.completion();
    }
    return releaseNotices;
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return call("extendLock", key, m -> backend.extend(m, key, token, backend.ttlMillis(ttl)));
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    // Locks hold String tokens; a value (a Buffer) under the key is not a lock.
    return call("isLocked", key, m -> m.get(key).map(value -> value instanceof String));
  }

  /**
   * Tries the slots one after another, starting at a random one so that concurrent callers
   * rarely race for the same key; answers {@code null} once every slot was taken.
   */
  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    if (maxSize < 1) {
      return Future.failedFuture(new IllegalArgumentException("maxSize must be >= 1, got " + maxSize));
    }
    long ttlMillis = backend.ttlMillis(slotTtl);
    int first = ThreadLocalRandom.current().nextInt(maxSize);
    return call("acquireSlot", key, m -> trySlots(m, key, token, ttlMillis, maxSize, first, 0));
  }

  private Future<String> trySlots(AsyncMap<String, Object> m, String key, String token, long ttlMillis,
                                  int maxSize, int first, int tried) {
    if (tried == maxSize) {
      return Future.succeededFuture();
    }
    int index = (first + tried) % maxSize;
    return putIfAbsent(m, slotKey(key, index), token, ttlMillis).compose(taken -> taken
      ? Future.succeededFuture(index + ":" + token)
      : trySlots(m, key, token, ttlMillis, maxSize, first, tried + 1));
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    int colon = slotId.indexOf(':');
    int index;
    try {
      index = colon > 0 ? Integer.parseInt(slotId.substring(0, colon)) : -1;
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index < 0) {
      return Future.succeededFuture(false); // not an id this store hands out: nothing held
    }
    String token = slotId.substring(colon + 1);
    String slotKey = slotKey(key, index);
    return call("releaseSlot", key, m -> m.removeIfPresent(slotKey, token));
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return call("poolSize", key, m -> {
      List<Future<Object>> slots = new ArrayList<>(maxSize);
      for (int i = 0; i < maxSize; i++) {
        slots.add(m.get(slotKey(key, i)));
      }
      return Future.all(slots).map(all -> (int) slots.stream().filter(slot -> slot.result() != null).count());
    });
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Nothing to release: the map belongs to Vert.x (and the cluster), not to the store. */
  @Override
  public synchronized Future<Void> close() {
    return releaseConsumer == null ? Future.succeededFuture() : releaseConsumer.unregister();
  }

  static String slotKey(String key, int index) {
    return key + "#" + index;
  }

  private static Future<Boolean> putIfAbsent(AsyncMap<String, Object> m, String key, Object value, long ttlMillis) {
    Future<Object> previous = ttlMillis == TtlMillis.NEVER
      ? m.putIfAbsent(key, value)
      : m.putIfAbsent(key, value, ttlMillis);
    return previous.map(Objects::isNull);
  }

  private Future<Long> drawFence(AsyncMap<String, Object> map, String key, String token, long ttlMillis) {
    return vertx.sharedData().getCounter(FENCE_COUNTER_PREFIX + mapName + ":" + key)
      .compose(SharedDataStore::advance)
      .compose(fence -> backend.extend(map, key, token, ttlMillis).map(stillOurs -> stillOurs ? fence : null));
  }

  /** Moves the counter to {@link FencingSequence#after} its value, by compare-and-set. */
  private static Future<Long> advance(Counter counter) {
    return counter.get().compose(previous -> {
      long next = FencingSequence.after(previous);
      return counter.compareAndSet(previous, next)
        .compose(swapped -> swapped ? Future.succeededFuture(next) : advance(counter));
    });
  }

  private <T> Future<T> call(String operation, String key, Function<AsyncMap<String, Object>, Future<T>> action) {
    return StoreCalls.guard(NAME, operation, key, timeoutMillis, map().compose(action));
  }

  private Future<AsyncMap<String, Object>> map() {
    Future<AsyncMap<String, Object>> current = map;
    if (current == null || current.failed()) {
      current = vertx.sharedData().getAsyncMap(mapName);
      map = current;
    }
    return current;
  }
}
