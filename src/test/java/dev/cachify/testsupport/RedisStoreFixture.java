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
 * The Redis store for the contract suites: two independent clients (two connection pools) on the
 * run's private server, so party A and party B only meet inside Redis; on one Vert.x, or on a
 * Vert.x each ({@link #twoVertxInstances}). The database is flushed at creation so no earlier
 * test's keys are seen.
 */
public final class RedisStoreFixture implements StoreFixture {

  private final String name;
  private final Vertx vertxA;
  private final Vertx vertxB;
  private final RedisStore storeA;
  private final RedisStore storeB;

  public RedisStoreFixture(PrivateRedis redis) {
    this(redis, false);
  }

  private RedisStoreFixture(PrivateRedis redis, boolean vertxPerParty) {
    redis.flushAll();
    this.name = vertxPerParty ? RedisStore.NAME + " (two Vert.x instances)" : RedisStore.NAME;
    this.vertxA = Vertx.vertx();
    this.vertxB = vertxPerParty ? Vertx.vertx() : vertxA;
    RedisStoreOptions options = RedisStoreOptions.fromUrl(redis.url());
    this.storeA = RedisStore.create(vertxA, options);
    this.storeB = RedisStore.create(vertxB, options);
    warmUp(storeA);
    warmUp(storeB);
  }

  /** Party A and party B each on a Vert.x of its own, as two processes would be. */
  public static RedisStoreFixture twoVertxInstances(PrivateRedis redis) {
    return new RedisStoreFixture(redis, true);
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
    return name;
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
    try {
      Future.join(storeA.close(), storeB.close())
        .eventually(() -> vertxB == vertxA ? vertxA.close() : Future.join(vertxA.close(), vertxB.close()).mapEmpty())
        .await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("redis fixture did not close within 20 s", e);
    }
  }
}
