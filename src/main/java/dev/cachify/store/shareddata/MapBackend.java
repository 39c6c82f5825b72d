package dev.cachify.store.shareddata;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;

import java.time.Duration;

/**
 * What differs between the async maps a {@link SharedDataStore} may sit on: how a TTL is given so
 * that an entry never expires early, and the compare-and-replace steps (compare-and-expire for
 * locks, compare-and-set for values), which the {@code AsyncMap} API offers as
 * {@code replaceIfPresent(k, old, new, ttl)} but vertx-hazelcast 5 leaves to the interface
 * default, which fails.
 */
interface MapBackend {

  /** The TTL to hand the map for {@code ttl}; {@link TtlMillis#NEVER} for {@code null}. */
  long ttlMillis(Duration ttl);

  /** Sets {@code ttlMillis} (from {@link #ttlMillis}) only while {@code key} holds {@code token}. */
  Future<Boolean> extend(AsyncMap<String, Object> map, String key, String token, long ttlMillis);

  /**
   * Stores {@code value} with {@code ttlMillis} (from {@link #ttlMillis}) only while {@code key}
   * holds a live value equal to {@code expected} byte for byte: true when it did.
   */
  Future<Boolean> replace(AsyncMap<String, Object> map, String key, Buffer expected, Buffer value, long ttlMillis);

  /** The backend of {@code vertx}'s shared data: Hazelcast when clustered by it, else the API's. */
  static MapBackend forVertx(Vertx vertx, String mapName) {
    if (vertx.isClustered()) {
      try {
        MapBackend hazelcast = HazelcastMapBackend.of(vertx, mapName);
        if (hazelcast != null) {
          return hazelcast;
        }
      } catch (LinkageError noHazelcastOnClassPath) {
        // Another cluster manager: its map may implement replaceIfPresent with a TTL.
      }
    }
    return new AsyncMapBackend();
  }

  /**
   * Vert.x's local map (and any map implementing the whole API): exact millisecond TTLs. The local
   * map removes an expired entry by a timer and {@code replaceIfPresent} does not look at expiry,
   * so extend reads first: a lock whose TTL passed is not revived while its timer is late.
   */
  final class AsyncMapBackend implements MapBackend {

    @Override
    public long ttlMillis(Duration ttl) {
      return TtlMillis.of(ttl);
    }

    @Override
    public Future<Boolean> extend(AsyncMap<String, Object> map, String key, String token, long ttlMillis) {
      return map.get(key).compose(current -> {
        if (!token.equals(current)) {
          return Future.succeededFuture(false);
        }
        // Still compared: another holder may have taken the key since the read.
        return ttlMillis == TtlMillis.NEVER
          ? map.replaceIfPresent(key, token, token)
          : map.replaceIfPresent(key, token, token, ttlMillis);
      });
    }

    /** Read first for the same reason as {@link #extend}: an expired value is not replaced. */
    @Override
    public Future<Boolean> replace(AsyncMap<String, Object> map, String key, Buffer expected, Buffer value,
                                   long ttlMillis) {
      return map.get(key).compose(current -> {
        if (!(current instanceof Buffer bytes) || !bytes.equals(expected)) {
          return Future.succeededFuture(false);
        }
        // The map compares with equals: content for Buffers; another writer since the read fails it.
        return ttlMillis == TtlMillis.NEVER
          ? map.replaceIfPresent(key, current, value)
          : map.replaceIfPresent(key, current, value, ttlMillis);
      });
    }
  }
}
