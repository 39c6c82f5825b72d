package dev.cachify.contract;

import dev.cachify.store.SharedDataStoreFixture;
import dev.cachify.store.StoreFixture;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Cachify close: shared-data")
class SharedDataCachifyCloseTest extends CachifyCloseContract {

  @Override
  protected StoreFixture createFixture() {
    return new SharedDataStoreFixture();
  }
}
