package dev.cachify.store.shareddata;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.spi.cluster.hazelcast.impl.ConversionUtils;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The async map of vertx-hazelcast, an IMap of the same name holding String values as they are
 * and Buffers in vertx-hazelcast's serializable holder.
 *
 * <p>Hazelcast 5 keeps an entry's expiry instant in whole seconds, rounded down, so a TTL of
 * 300 ms can expire at once and a 30 s lock up to a second early. TTLs are therefore lengthened by
 * 999 ms: an entry lives at least its TTL and at most a second longer; for a lock that is the safe
 * side. Compare-and-expire (locks) and compare-and-set (values) run as entry processors on the
 * key's owner: one atomic step each. A processor travels by Java serialization, so every member
 * needs cachify on its class path, as every node of ours has.
 */
final class HazelcastMapBackend implements MapBackend {

  /** Makes Hazelcast's round-down to the second land at or after the asked instant. */
  private static final long SECOND_ROUNDING_MILLIS = 999;

  private final Vertx vertx;
  private final HazelcastClusterManager clusterManager;
  private final String mapName;
  private volatile Future<IMap<String, Object>> imap;

  private HazelcastMapBackend(Vertx vertx, HazelcastClusterManager clusterManager, String mapName) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.mapName = mapName;
  }

  /** The backend when {@code vertx} is clustered by Hazelcast, else {@code null}. */
  static MapBackend of(Vertx vertx, String mapName) {
    return vertx instanceof VertxInternal internal
      && internal.clusterManager() instanceof HazelcastClusterManager hazelcast
      ? new HazelcastMapBackend(vertx, hazelcast, mapName) : null;
  }

  @Override
  public long ttlMillis(Duration ttl) {
    long millis = TtlMillis.of(ttl);
    return millis == TtlMillis.NEVER ? TtlMillis.NEVER : millis + SECOND_ROUNDING_MILLIS;
  }

  @Override
  public Future<Boolean> extend(AsyncMap<String, Object> map, String key, String token, long ttlMillis) {
    return imap().compose(entries -> Future.fromCompletionStage(
      entries.submitToKey(key, new ExtendIfHeld(token, ttlMillis)), vertx.getOrCreateContext()));
  }

  @Override
  public Future<Boolean> replace(AsyncMap<String, Object> map, String key, Buffer expected, Buffer value,
                                 long ttlMillis) {
    return imap().compose(entries -> Future.fromCompletionStage(
      entries.submitToKey(key, new ReplaceIfEqual(expected.getBytes(), value.getBytes(), ttlMillis)),
      vertx.getOrCreateContext()));
  }

  /** Getting the proxy may talk to the cluster, so it is done once and off the event loop. */
  private Future<IMap<String, Object>> imap() {
    Future<IMap<String, Object>> current = imap;
    if (current == null || current.failed()) {
      current = vertx.executeBlocking(() -> clusterManager.getHazelcastInstance().<String, Object>getMap(mapName));
      imap = current;
    }
    return current;
  }

  /** Runs on the partition owner (and its backups): sets the TTL only while the token matches. */
  static final class ExtendIfHeld implements EntryProcessor<String, Object, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String token;
    /** Hazelcast reads a TTL of 0 as "never expires", which is {@link TtlMillis#NEVER}. */
    private final long ttlMillis;

    ExtendIfHeld(String token, long ttlMillis) {
      this.token = token;
      this.ttlMillis = ttlMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Boolean process(Map.Entry<String, Object> entry) {
      // An expired entry reads as null here (checked by the contract suite): it is not revived.
      if (!token.equals(entry.getValue())) {
        return false;
      }
      ((ExtendedMapEntry<String, Object>) entry).setValue(token, ttlMillis, TimeUnit.MILLISECONDS);
      return true;
    }
  }

  /**
   * Runs on the partition owner (and its backups): sets the value only while the entry holds the
   * expected bytes. vertx-hazelcast keeps a Buffer in the IMap wrapped in its own holder, so the
   * value is read and written through its conversion, exactly as {@code AsyncMap.get} and
   * {@code put} do; the processor carries plain bytes, as Java serialization needs.
   */
  static final class ReplaceIfEqual implements EntryProcessor<String, Object, Boolean> {

    private static final long serialVersionUID = 1L;
    private static final ConversionUtils CONVERSION = new ConversionUtils();

    private final byte[] expected;
    private final byte[] value;
    /** Hazelcast reads a TTL of 0 as "never expires", which is {@link TtlMillis#NEVER}. */
    private final long ttlMillis;

    ReplaceIfEqual(byte[] expected, byte[] value, long ttlMillis) {
      this.expected = expected;
      this.value = value;
      this.ttlMillis = ttlMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Boolean process(Map.Entry<String, Object> entry) {
      // An expired entry reads as null, a lock as its String token: neither equals a value.
      Object current = entry.getValue() == null ? null : CONVERSION.convertReturn(entry.getValue());
      if (!(current instanceof Buffer bytes) || !Arrays.equals(bytes.getBytes(), expected)) {
        return false;
      }
      ((ExtendedMapEntry<String, Object>) entry).setValue(CONVERSION.convertParam(Buffer.buffer(value)),
        ttlMillis, TimeUnit.MILLISECONDS);
      return true;
    }
  }
}
