package dev.cachify.metrics;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.LockHandle;
import dev.cachify.lock.OnceFunction;
import dev.cachify.pool.PoolFullException;
import dev.cachify.pool.PoolSlot;
import dev.cachify.store.StoreException;
import dev.cachify.store.memory.MemoryStore;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each figure the library reports, driven through the public API on a memory store (and a dead Redis). */
class MicrometerCachifyMetricsTest {

  private Vertx vertx;
  private MeterRegistry registry;
  private Cachify cachify;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(new MemoryStore())
      .setLockLease(Duration.ofMillis(600)) // renewed every 200 ms: slow enough for a loaded machine
      .setMetrics(new MicrometerCachifyMetrics(registry, "memory")));
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void cachedCallsCountHitsMissesLoadsAndCoalescedWaiters() throws Exception {
    Promise<Integer> slowLoad = Promise.promise();
    CachedFunction<Integer> read = cachify.cached("read-{x}").ttl(Ttl.seconds(60))
      .wrap(Fn.of("x", (Integer x) -> x == 1 ? slowLoad.future() : Future.succeededFuture(x)));

    List<Future<Integer>> cold = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cold.add(read.call(1)); // one loads, nineteen join its load
    }
    slowLoad.complete(10);
    for (Future<Integer> call : cold) {
      assertThat(call.await(5, TimeUnit.SECONDS)).isEqualTo(10);
    }
    read.call(1).await(5, TimeUnit.SECONDS);
    read.call(1).await(5, TimeUnit.SECONDS);
    read.callEncoded(1).await(5, TimeUnit.SECONDS);

    assertThat(count("cachify.cache.misses", "cache", "read-{x}")).isEqualTo(20);
    assertThat(count("cachify.cache.coalesced", "cache", "read-{x}")).isEqualTo(19);
    assertThat(count("cachify.cache.hits", "cache", "read-{x}")).isEqualTo(3);
    assertThat(registry.get("cachify.cache.loads").tag("cache", "read-{x}").tag("outcome", "success").timer().count())
      .isEqualTo(1);
  }

  @Test
  void aFailedLoadIsTimedAsAFailure() {
    CachedFunction<Integer> broken = cachify.cached("broken-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.<Integer>failedFuture(new IllegalStateException("no"))));

    assertThatThrownBy(() -> broken.call(1).await(5, TimeUnit.SECONDS)).hasMessageContaining("no");

    assertThat(registry.get("cachify.cache.loads").tag("cache", "broken-{x}").tag("outcome", "failure").timer().count())
      .isEqualTo(1);
    assertThat(registry.get("cachify.cache.loads").tag("cache", "broken-{x}").tag("outcome", "success").timer().count())
      .isZero();
  }

  @Test
  void locksReportWaitHoldAndRefusals() throws Exception {
    LockHandle held = cachify.lock("job").acquire().await(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> cachify.lock("job").acquire().await(5, TimeUnit.SECONDS)).isNotNull();
    Future<LockHandle> waiting = cachify.lock("job").nowait(false).timeout(Duration.ofSeconds(5)).acquire();
    held.release().await(5, TimeUnit.SECONDS);
    waiting.await(5, TimeUnit.SECONDS).release().await(5, TimeUnit.SECONDS);

    assertThat(registry.get("cachify.lock.wait").tag("outcome", "acquired").timer().count()).isEqualTo(2);
    assertThat(registry.get("cachify.lock.wait").tag("outcome", "refused").timer().count()).isEqualTo(1);
    assertThat(registry.get("cachify.lock.held").timer().count()).isEqualTo(2);
  }

  @Test
  void renewalsAndALostLeaseAreCounted() throws Exception {
    LockHandle lease = cachify.lock("lease").exp(Ttl.NEVER).acquire().await(5, TimeUnit.SECONDS);
    await("two renewals").atMost(Duration.ofSeconds(10))
      .until(() -> registry.get("cachify.lock.renewals").counter().count() >= 2);

    cachify.store().delete(lease.key()).await(5, TimeUnit.SECONDS); // an operator frees it
    lease.lost().await(5, TimeUnit.SECONDS);

    assertThat(registry.get("cachify.lock.lost").counter().count()).isEqualTo(1);
  }

  @Test
  void onceRefusalsAndFullPoolsAreCountedByName() throws Exception {
    Promise<Integer> running = Promise.promise();
    OnceFunction<Integer> update = cachify.once("update-{id}").onLocked(Fallback.returning(-1))
      .wrap(Fn.of("id", (Integer id) -> running.future()));
    Future<Integer> first = update.call(1);
    assertThat(update.call(1).await(5, TimeUnit.SECONDS)).isEqualTo(-1);
    assertThat(update.call(1).await(5, TimeUnit.SECONDS)).isEqualTo(-1);
    running.complete(7);
    assertThat(first.await(5, TimeUnit.SECONDS)).isEqualTo(7);

    PoolSlot slot = cachify.pool("exports", 1).acquire().await(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> cachify.pool("exports", 1).acquire().await(5, TimeUnit.SECONDS))
      .isInstanceOf(PoolFullException.class);
    slot.release().await(5, TimeUnit.SECONDS);

    assertThat(count("cachify.once.refused", "once", "update-{id}")).isEqualTo(2);
    assertThat(count("cachify.pool.full", "pool", "PYC-exports")).isEqualTo(1);
  }

  @Test
  void storeErrorsAreCountedByOperation() throws Exception {
    MeterRegistry errors = new SimpleMeterRegistry();
    RedisStore dead = RedisStore.create(vertx, RedisStoreOptions.fromUrl("redis://127.0.0.1:" + closedPort()));
    Cachify onDeadRedis = Cachify.create(vertx, new CachifyOptions().setStore(dead)
      .setMetrics(new MicrometerCachifyMetrics(errors, dead.name())));
    CachedFunction<Integer> read = onDeadRedis.cached("r-{x}").wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));

    assertThat(read.call(5).await(10, TimeUnit.SECONDS)).as("read through").isEqualTo(5);
    assertThatThrownBy(() -> onDeadRedis.lock("l").acquire().await(10, TimeUnit.SECONDS))
      .isInstanceOf(StoreException.class);

    assertThat(errors.get("cachify.store.errors").tag("store", "redis").tag("operation", "get").counter().count())
      .isEqualTo(1);
    assertThat(errors.get("cachify.store.errors").tag("operation", "acquireLock").counter().count()).isEqualTo(1);
    assertThat(onDeadRedis.storeErrors()).isEqualTo(2);
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
