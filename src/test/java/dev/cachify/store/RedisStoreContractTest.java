package dev.cachify.store;

import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Store contract: redis")
@ExtendWith(RedisServerExtension.class)
class RedisStoreContractTest extends StoreContract {

  @Override
  protected StoreFixture createFixture() {
    return new RedisStoreFixture();
  }
}
