package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.cache.CachedFunction;
import dev.cachify.impl.ObservedStore;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.store.StoreException;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store nobody answers on: cached calls read through (run the function, store nothing, count
 * the failure, log it once); everything that guards (locks, {@code once}, pools) and resets fails
 * with a {@link StoreException}, and nothing guarded runs unguarded.
 */
@ExtendWith(VertxExtension.class)
class UnreachableStoreTest {

  private Vertx vertx;
  private Cachify cachify;

  @BeforeEach
  void overADeadPort(Vertx vertx) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    RedisStore store = RedisStore.create(vertx, new RedisStoreOptions()
      .setConnectionString("redis://127.0.0.1:" + port).setCommandTimeoutMillis(500).setConnectTimeoutMillis(300));
    this.vertx = vertx;
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(store));
  }

  @Test
  void cachedReadsThroughAndCountsTheFailure() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = cachify.cached("u-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x * 10 + runs.incrementAndGet())));

    assertThat(await(f.call(1))).isEqualTo(11);
    assertThat(await(f.call(1))).as("nothing was stored: the function runs again").isEqualTo(12);
    assertThat(await(f.callEncoded(2)).toString()).isEqualTo("23");
    assertThat(cachify.storeFailures()).isEqualTo(3);
  }

  @Test
  void aFailingFunctionStillFailsAndANullStillAnswersNull() {
    CachedFunction<Object> failing = cachify.cached("e-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.failedFuture(new IllegalStateException("db down too"))));
    CachedFunction<Object> empty = cachify.cached("n-{x}").wrap(Fn.of("x", (Integer x) -> Future.succeededFuture()));

    assertThat(failure(failing.call(1))).isInstanceOf(IllegalStateException.class).hasMessage("db down too");
    assertThat(await(empty.call(1))).isNull();
    assertThat(await(empty.callEncoded(1))).isNull();
  }

  @Test
  void concurrentReadThroughsOfOneKeyRunTheFunctionOnce() {
    AtomicInteger runs = new AtomicInteger();
    Promise<Integer> result = Promise.promise();
    CachedFunction<Integer> f = cachify.cached("s-{x}").wrap(Fn.of("x", (Integer x) -> {
      runs.incrementAndGet();
      return result.future();
    }));

    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(f.call(1));
    }
    // Every call has failed its read and joined the one load before the function answers.
    org.awaitility.Awaitility.await().until(() -> cachify.storeFailures() == 10);
    result.complete(42);

    calls.forEach(call -> assertThat(await(call)).isEqualTo(42));
    assertThat(runs).hasValue(1);
  }

  @Test
  void theBlockingFormReadsThroughToo() {
    AtomicInteger runs = new AtomicInteger();
    var f = cachify.cached("b-{x}").wrapBlocking(BlockingFn.of("x", (Integer x) -> x + runs.incrementAndGet()));

    Integer answer = await(vertx.executeBlocking(() -> f.call(1)));

    assertThat(answer).isEqualTo(2);
    assertThat(cachify.storeFailures()).isEqualTo(1);
  }

  @Test
  void resetFailsSinceTheEntryMayStillBeThere() {
    CachedFunction<Integer> f = cachify.cached("r-{x}").wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));

    assertThat(failure(f.reset(1))).isInstanceOf(StoreException.class).hasMessageContaining("redis store");
    assertThat(failure(cachify.entry("r-1-cached").set("x"))).isInstanceOf(StoreException.class);
  }

  @Test
  void anOutageIsLoggedOnceNotOncePerCall() {
    CachedFunction<Integer> f = cachify.cached("l-{x}").wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    try (LogCapture logs = LogCapture.start()) {
      for (int i = 0; i < 20; i++) {
        await(f.call(i));
      }
      String warnings = logs.text().lines()
        .filter(line -> line.startsWith("WARN " + ObservedStore.class.getName())).reduce("", (a, b) -> a + b + "\n");
      assertThat(warnings.lines()).hasSize(1);
      assertThat(warnings).contains("failing: cached calls read through").contains("'PYC-l-0-cached'");
    }
  }

  @Test
  void onceLockAndPoolFailClosed() {
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> body = Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()));
    assertThat(failure(cachify.once("o-{x}").onLocked(Fallback.returning(-1)).wrap(body).call(1)))
      .isInstanceOf(StoreException.class);
    assertThat(failure(cachify.locked("l-{x}").wrap(body).call(1))).isInstanceOf(StoreException.class);
    assertThat(failure(cachify.pooled("p-{x}", 2).onFull(Fallback.returning(-1)).wrap(body).call(1)))
      .isInstanceOf(StoreException.class);
    assertThat(failure(cachify.lock("k").acquire())).isInstanceOf(StoreException.class);
    assertThat(failure(cachify.withLock("k", () -> Future.succeededFuture(runs.incrementAndGet()))))
      .isInstanceOf(StoreException.class);
    assertThat(failure(cachify.pool("p", 2).acquire())).isInstanceOf(StoreException.class);
    assertThat(failure(cachify.isLocked("k"))).isInstanceOf(StoreException.class);
    assertThat(runs).as("nothing ran unguarded").hasValue(0);
    assertThat(cachify.storeFailures()).as("only cached calls read through").isZero();
  }
}
