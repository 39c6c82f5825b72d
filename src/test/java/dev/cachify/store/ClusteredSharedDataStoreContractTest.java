package dev.cachify.store;

import org.junit.jupiter.api.DisplayName;

import java.time.Duration;

@DisplayName("Store contract: shared-data (2-node Hazelcast cluster)")
class ClusteredSharedDataStoreContractTest extends StoreContract {

  @Override
  protected StoreFixture createFixture() {
    return new ClusteredSharedDataFixture();
  }

  /** Hazelcast rounds expiry instants to the second; the store pads TTLs so none is early. */
  @Override
  protected Duration expiryLag() {
    return Duration.ofSeconds(1);
  }
}
