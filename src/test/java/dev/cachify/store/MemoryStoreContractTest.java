package dev.cachify.store;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Store contract: memory")
class MemoryStoreContractTest extends StoreContract {

  @Override
  protected StoreFixture createFixture() {
    return new MemoryStoreFixture();
  }
}
