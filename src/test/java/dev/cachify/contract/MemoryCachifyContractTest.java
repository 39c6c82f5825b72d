package dev.cachify.contract;

import dev.cachify.store.StoreFixture;
import dev.cachify.store.MemoryStoreFixture;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Cachify contract: memory")
class MemoryCachifyContractTest extends CachifyContract {

  @Override
  protected StoreFixture createFixture() {
    return new MemoryStoreFixture();
  }
}
