package dev.cachify.contract;

import dev.cachify.store.StoreFixture;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Cachify close: redis")
@ExtendWith(RedisServerExtension.class)
class RedisCachifyCloseTest extends CachifyCloseContract {

  @Override
  protected StoreFixture createFixture() {
    return new RedisStoreFixture();
  }
}
