package dev.cachify.metrics;

import dev.cachify.store.near.NearCacheStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A near cache's reads as {@code cachify_near_cache_hits_total} (answered in this node, no round
 * trip) and {@code cachify_near_cache_misses_total} (went to the store), read from the near cache's
 * own counters when scraped: nothing added to a hit.
 *
 * <pre>{@code
 * NearCacheStore near = NearCacheStore.wrap(vertx, RedisStore.create(vertx, url));
 * NearCacheMetrics.bind(registry, near);
 * }</pre>
 */
public final class NearCacheMetrics {

  private NearCacheMetrics() {
  }

  /**
   * Registers the two counters of {@code near} on {@code registry}. Bind each near cache once.
   *
   * @param registry where the counters are registered
   * @param near     the near cache whose reads they count
   */
  public static void bind(MeterRegistry registry, NearCacheStore near) {
    FunctionCounter.builder("cachify.near.cache.hits", near, NearCacheStore::hits)
      .description("Reads answered by this node's near cache").register(registry);
    FunctionCounter.builder("cachify.near.cache.misses", near, NearCacheStore::misses)
      .description("Reads the near cache passed to the store").register(registry);
  }
}
