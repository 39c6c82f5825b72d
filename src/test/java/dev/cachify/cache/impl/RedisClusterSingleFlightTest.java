package dev.cachify.cache.impl;

import dev.cachify.store.StoreFixture;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Vert.x instances, each with its own Redis store client, on the run's private Redis. */
@DisplayName("Cluster single-flight: redis (two Vert.x instances)")
@ExtendWith(RedisServerExtension.class)
class RedisClusterSingleFlightTest extends ClusterSingleFlightContract {

  @Override
  protected StoreFixture createFixture() {
    return RedisStoreFixture.twoVertxInstances(RedisServerExtension.server());
  }
}
