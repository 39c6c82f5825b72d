package dev.cachify.cache.impl;

import dev.cachify.store.ClusteredSharedDataFixture;
import dev.cachify.store.StoreFixture;
import org.junit.jupiter.api.DisplayName;

/** Two clustered Vert.x nodes joined by Hazelcast on loopback, each with its shared-data store. */
@DisplayName("Cluster single-flight: shared-data (2-node Hazelcast cluster)")
class SharedDataClusterSingleFlightTest extends ClusterSingleFlightContract {

  @Override
  protected StoreFixture createFixture() {
    return new ClusteredSharedDataFixture();
  }
}
