package dev.cachify.cache;

import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Vert.x instances, each with its own Redis store client, on the run's private Redis. */
@DisplayName("Cluster single-flight: redis (two Vert.x instances)")
@ExtendWith(RedisServerExtension.class)
class RedisClusterSingleFlightTest extends ClusterSingleFlightContract {

  @Override
  protected StoreFixture createFixture() {
    return new TwoNodes(RedisServerExtension.server());
  }

  /** Like {@link RedisStoreFixture}, but with a Vert.x per node: they meet only inside Redis. */
  private static final class TwoNodes implements StoreFixture {

    private final Vertx vertxA = Vertx.vertx();
    private final Vertx vertxB = Vertx.vertx();
    private final RedisStore storeA;
    private final RedisStore storeB;

    TwoNodes(PrivateRedis redis) {
      RedisStoreOptions options = RedisStoreOptions.fromUrl(redis.url());
      storeA = RedisStore.create(vertxA, options);
      storeB = RedisStore.create(vertxB, options);
      RedisStoreFixture.warmUp(storeA);
      RedisStoreFixture.warmUp(storeB);
    }

    @Override
    public String name() {
      return "redis (two Vert.x instances)";
    }

    @Override
    public Vertx vertxA() {
      return vertxA;
    }

    @Override
    public Vertx vertxB() {
      return vertxB;
    }

    @Override
    public Store storeA() {
      return storeA;
    }

    @Override
    public Store storeB() {
      return storeB;
    }

    @Override
    public void close() {
      storeA.close().await();
      storeB.close().await();
      vertxA.close().await();
      vertxB.close().await();
    }
  }
}
