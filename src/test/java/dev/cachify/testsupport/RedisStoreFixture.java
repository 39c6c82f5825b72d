package dev.cachify.testsupport;

import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The Redis store for the contract suites: one Vert.x, two independent clients (two connection
 * pools) on the run's private server, so party A and party B only meet inside Redis. The
 * database is flushed at creation so no earlier test's keys are seen.
 */
public final class RedisStoreFixture implements StoreFixture {

  private final Vertx vertx = Vertx.vertx();
  private final RedisStore storeA;
  private final RedisStore storeB;

  public RedisStoreFixture(PrivateRedis redis) {
    redis.flushAll();
    RedisStoreOptions options = RedisStoreOptions.fromUrl(redis.url());
    this.storeA = RedisStore.create(vertx, options);
    this.storeB = RedisStore.create(vertx, options);
    warmUp(storeA);
    warmUp(storeB);
  }

  /**
   * The first call of a JVM loads the driver and connects, which can outlast the command timeout
   * on a busy machine; tests that time their calls must not pay for it.
   */
  public static void warmUp(RedisStore store) {
    await("redis store answers PING").atMost(Duration.ofSeconds(30)).ignoreExceptions()
      .until(() -> {
        store.ping().await(10, TimeUnit.SECONDS);
        return true;
      });
  }

  /** On the server of {@link RedisServerExtension}, which the test class must use. */
  public RedisStoreFixture() {
    this(RedisServerExtension.server());
  }

  @Override
  public String name() {
    return RedisStore.NAME;
  }

  @Override
  public Vertx vertxA() {
    return vertx;
  }

  @Override
  public Vertx vertxB() {
    return vertx;
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
    try {
      Future.join(storeA.close(), storeB.close()).eventually(vertx::close).await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("redis fixture did not close within 20 s", e);
    }
  }
}
