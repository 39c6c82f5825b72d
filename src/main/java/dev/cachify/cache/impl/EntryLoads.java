package dev.cachify.cache.impl;

import dev.cachify.impl.Lifecycle;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;

/**
 * The loads in flight of {@code CacheEntry.getOrLoad} for one {@code Cachify} instance: one load
 * per key in this JVM, and one across every process that shares the store (cluster single-flight
 * is always on for entries: a read-through's loader is usually a remote call, worth a lock).
 *
 * <p>Kept apart from the single-flight of the instance's {@code cached} functions: an entry and a
 * function reading the same key decode it to different types, so neither may be handed the
 * other's load. A reset of an entry forgets the loads of both, so no call after it joins a load
 * that started before it.
 */
final class EntryLoads {

  /** The {@code cache} name entry loads are counted under: {@code cachify_cache_hits_total{cache="entry"}}. */
  static final String METER_NAME = "entry";

  private final SingleFlight singleFlight = new SingleFlight();
  private final SingleFlight functions;
  private final StoreOutages outages;
  private final CacheMeter meter;
  private final ClusterSingleFlight clusterFlight;
  private final Lifecycle lifecycle;

  /**
   * @param functions   the single-flight of the instance's {@code cached} functions, forgotten too
   *                    by an entry's reset
   * @param loadTimeout expiry of the cluster's load lock: how long a loader that died or hangs
   *                    holds the other processes up
   */
  EntryLoads(Vertx vertx, Store store, SingleFlight functions, StoreOutages outages,
                    CachifyMetrics metrics, Duration loadTimeout, Lifecycle lifecycle) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.functions = Objects.requireNonNull(functions, "functions");
    this.outages = Objects.requireNonNull(outages, "outages");
    this.meter = metrics.cache(METER_NAME);
    this.clusterFlight = new ClusterSingleFlight(vertx, store, loadTimeout, lifecycle);
  }

  /** The read-through routine over {@code entries}, loading in turn with the other entry loads. */
  <T> ReadThrough<T> readThrough(CacheEntries<T> entries) {
    return new ReadThrough<>(entries, singleFlight, outages, meter, clusterFlight, lifecycle);
  }

  /** After a reset of {@code key}: calls from now on start a fresh load (entry or function). */
  void forget(String key) {
    singleFlight.forget(key);
    clusterFlight.forget(key); // a load holding the load lock will not store: let the next one in
    functions.forget(key);
  }
}
