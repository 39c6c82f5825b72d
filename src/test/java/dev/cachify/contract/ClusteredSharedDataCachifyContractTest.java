package dev.cachify.contract;

import dev.cachify.store.StoreFixture;
import dev.cachify.store.ClusteredSharedDataFixture;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Cachify contract: shared-data (2-node Hazelcast cluster)")
class ClusteredSharedDataCachifyContractTest extends CachifyContract {

  @Override
  protected StoreFixture createFixture() {
    return new ClusteredSharedDataFixture();
  }
}
