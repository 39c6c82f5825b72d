package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.impl.ObservedStore;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.OnceFunction;
import dev.cachify.store.StoreException;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.LogCapture;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that goes away while in use and comes back, on a server of this class's own (stopping
 * the run's shared one would disturb other classes): cached calls read through, guards fail
 * closed, and the cache works again once Redis is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageCachifyTest {

  private PrivateRedis redis;
  private Vertx vertx;
  private RedisStore store;

  @BeforeAll
  void start() {
    redis = PrivateRedis.launch();
    vertx = Vertx.vertx();
    store = RedisStore.create(vertx, RedisStoreOptions.fromUrl(redis.url()).setCommandTimeoutMillis(1_000));
    RedisStoreFixture.warmUp(store);
  }

  @AfterAll
  void stop() {
    store.close().eventually(vertx::close).await();
    redis.close();
  }

  @Test
  void cachedReadsThroughGuardsFailClosedAndAllRecovers() {
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix("outage-"));
    AtomicInteger loads = new AtomicInteger();
    CachedFunction<Integer> read = cachify.cached("read-{x}").ttl(Ttl.seconds(60))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x * 100 + loads.incrementAndGet())));
    AtomicInteger guardedRuns = new AtomicInteger();
    Fn<Integer> guarded = Fn.of("x", (Integer x) -> Future.succeededFuture(guardedRuns.incrementAndGet()));
    OnceFunction<Integer> once = cachify.once("once-{x}").onLocked(Fallback.returning(-1)).wrap(guarded);

    assertThat(await(read.call(1))).isEqualTo(101);
    assertThat(await(read.call(1))).as("a hit").isEqualTo(101);

    try (LogCapture logs = LogCapture.start()) {
      redis.stop();
      Duration fast = Duration.ofMillis(900); // under the command timeout: refused, not timed out

      assertThat(await(read.call(1))).as("read through").isEqualTo(102);
      assertThat(await(read.callEncoded(1)).toString()).isEqualTo("103");
      assertThat(cachify.storeFailures()).isEqualTo(2);
      assertThat(failureWithin(read.reset(1), fast)).isInstanceOf(StoreException.class);
      assertThat(failureWithin(once.call(1), fast)).isInstanceOf(StoreException.class);
      assertThat(failureWithin(cachify.locked("lock-{x}").wrap(guarded).call(1), fast))
        .isInstanceOf(StoreException.class);
      assertThat(failureWithin(cachify.pooled("pool-{x}", 2).onFull(Fallback.returning(-1)).wrap(guarded).call(1),
        fast)).isInstanceOf(StoreException.class);
      assertThat(guardedRuns).as("nothing guarded ran unguarded").hasValue(0);

      redis.start(); // empty: no persistence
      long restarted = System.nanoTime();
      org.awaitility.Awaitility.await("once runs again").atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(10)).ignoreExceptions()
        .until(() -> await(once.call(1)) > 0);
      System.out.println("once ran again " + (System.nanoTime() - restarted) / 1_000_000 + " ms after the restart");

      int before = loads.get();
      assertThat(await(read.call(2))).isEqualTo(200 + before + 1);
      assertThat(await(read.call(2))).as("stored again: a hit").isEqualTo(200 + before + 1);
      assertThat(await(read.reset(2))).isNull();

      // The end of the outage is logged after a calm second, by the next call the store answers.
      org.awaitility.Awaitility.await("INFO: the store answers again").atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          await(read.call(2));
          return logs.text().contains("INFO " + ObservedStore.class.getName() + " - Store 'redis' answers again");
        });
      String outageLines = logs.text().lines().filter(line -> line.contains(ObservedStore.class.getName()))
        .reduce("", (a, b) -> a + b + "\n");
      System.out.print(outageLines);
      assertThat(outageLines.lines().filter(line -> line.startsWith("WARN"))).hasSize(1);
      assertThat(outageLines.lines().filter(line -> line.startsWith("INFO"))).hasSize(1);
      // Two reads, a reset, once, locked and pooled failed at least: every kind of call is counted.
      assertThat(cachify.storeErrors()).isGreaterThanOrEqualTo(6);
      assertThat(outageLines).containsPattern("; \\d+ operations failed meanwhile");
    }
  }
}
