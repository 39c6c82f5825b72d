package dev.cachify.contract;

import dev.cachify.store.StoreFixture;
import dev.cachify.store.SharedDataStoreFixture;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Cachify contract: shared-data")
class SharedDataCachifyContractTest extends CachifyContract {

  @Override
  protected StoreFixture createFixture() {
    return new SharedDataStoreFixture();
  }
}
