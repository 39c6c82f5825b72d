package dev.cachify.store.near;

import dev.cachify.contract.CachifyContract;
import dev.cachify.store.StoreFixture;
import dev.cachify.testsupport.RedisServerExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The library's behaviour (reset wins, locks, pools) is unchanged by near caches. */
@DisplayName("Cachify contract: redis behind near caches (2-node cluster)")
@ExtendWith(RedisServerExtension.class)
class NearCacheCachifyContractTest extends CachifyContract {

  @Override
  protected StoreFixture createFixture() {
    return new NearCacheClusterFixture();
  }
}
