package dev.cachify;

import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.lock.BlockingOnceFunction;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.pool.BlockingPooledFunction;
import dev.cachify.pool.PoolFullException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blocking forms run the body on the caller's thread and refuse event-loop threads. */
@ExtendWith(VertxExtension.class)
class BlockingFormsTest {

  @Test
  void cachedRunsOnceForConcurrentBlockingCallers(Vertx vertx) throws Exception {
    Cachify cachify = Cachify.create(vertx);
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    BlockingCachedFunction<Integer> f = cachify.cached("b-{x}")
      .wrapBlocking(BlockingFn.of("x", (Integer x) -> {
        runs.incrementAndGet();
        await(release);
        return x * 2;
      }));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> f.call(21)));
      }
      org.awaitility.Awaitility.await().until(() -> runs.get() == 1);
      release.countDown();
      for (Future<Integer> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs).hasValue(1);
    f.reset(21);
    assertThat(f.call(21)).isEqualTo(42);
    assertThat(runs).hasValue(2);
  }

  @Test
  void onceLockAndPoolWorkFromAPlainThread(Vertx vertx) {
    Cachify cachify = Cachify.create(vertx);
    BlockingOnceFunction<String> once = cachify.once("bo-{x}").onLocked(Fallback.<String>failing())
      .wrapBlocking(BlockingFn.of("x", (Integer x) -> {
        assertThatThrownBy(() -> cachify.once("bo-{x}").onLocked(Fallback.<String>failing())
          .wrapBlocking(BlockingFn.of("x", (Integer y) -> "inner")).call(x))
          .isInstanceOf(CachifyLockException.class);
        return "ran " + x;
      }));
    assertThat(once.call(1)).isEqualTo("ran 1");
    assertThat(once.isLocked(1)).isFalse();

    assertThat(cachify.lock("bl").withLockBlocking(() -> cachify.lock("bl").isLockedBlocking())).isTrue();
    assertThat(cachify.lock("bl").isLockedBlocking()).isFalse();

    BlockingPooledFunction<Integer> pooled = cachify.pooled("bp", 1).onFull(Fallback.<Integer>failing())
      .wrapBlocking(BlockingFn.of(() -> {
        assertThatThrownBy(() -> cachify.pooled("bp", 1).onFull(Fallback.<Integer>failing())
          .wrapBlocking(BlockingFn.of(() -> 0)).call()).isInstanceOf(PoolFullException.class);
        return 1;
      }));
    assertThat(pooled.call()).isEqualTo(1);
    assertThat(pooled.size()).isEqualTo(0);
  }

  @Test
  void blockingFormsRefuseAnEventLoopThread(Vertx vertx, VertxTestContext ctx) {
    Cachify cachify = Cachify.create(vertx);
    BlockingCachedFunction<Integer> f = cachify.cached("el")
      .wrapBlocking(BlockingFn.of(() -> 1));
    vertx.runOnContext(v -> ctx.verify(() -> {
      assertThatThrownBy(f::call).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event-loop thread");
      assertThatThrownBy(() -> cachify.lock("el").acquireBlocking()).isInstanceOf(IllegalStateException.class);
      ctx.completeNow();
    }));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
