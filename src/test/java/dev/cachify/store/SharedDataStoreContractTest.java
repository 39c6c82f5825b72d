package dev.cachify.store;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Store contract: shared-data (local Vert.x)")
class SharedDataStoreContractTest extends StoreContract {

  @Override
  protected StoreFixture createFixture() {
    return new SharedDataStoreFixture();
  }
}
