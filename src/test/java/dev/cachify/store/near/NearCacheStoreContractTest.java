package dev.cachify.store.near;

import dev.cachify.store.StoreContract;
import dev.cachify.store.StoreFixture;
import dev.cachify.testsupport.RedisServerExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every store semantic holds through near caches: A and B are two clustered nodes over one Redis. */
@DisplayName("Store contract: redis behind near caches (2-node cluster)")
@ExtendWith(RedisServerExtension.class)
class NearCacheStoreContractTest extends StoreContract {

  @Override
  protected StoreFixture createFixture() {
    return new NearCacheClusterFixture();
  }
}
