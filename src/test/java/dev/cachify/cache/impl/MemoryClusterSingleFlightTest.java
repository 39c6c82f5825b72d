package dev.cachify.cache.impl;

import dev.cachify.store.MemoryStoreFixture;
import dev.cachify.store.StoreFixture;
import org.junit.jupiter.api.DisplayName;

/** Two {@code Cachify} instances over one memory store: the same rules inside one JVM. */
@DisplayName("Cluster single-flight: memory (two instances, one store)")
class MemoryClusterSingleFlightTest extends ClusterSingleFlightContract {

  @Override
  protected StoreFixture createFixture() {
    return new MemoryStoreFixture();
  }
}
