package dev.cachify.contract;

import dev.cachify.store.StoreFixture;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Cachify contract: redis")
@ExtendWith(RedisServerExtension.class)
class RedisCachifyContractTest extends CachifyContract {

  @Override
  protected StoreFixture createFixture() {
    return new RedisStoreFixture();
  }
}
