package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.store.StoreException;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store nobody answers on: every operation fails with a {@link StoreException} (bounded by the
 * store's timeout, and {@link Await} bounds the wait), and nothing guarded runs unguarded.
 */
@ExtendWith(VertxExtension.class)
class UnreachableStoreTest {

  private Cachify cachify;

  @BeforeEach
  void overADeadPort(Vertx vertx) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    RedisStore store = RedisStore.create(vertx, new RedisStoreOptions()
      .setConnectionString("redis://127.0.0.1:" + port).setCommandTimeoutMillis(500).setConnectTimeoutMillis(300));
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(store));
  }

  @Test
  void cachedFailsWithAStoreError() {
    AtomicInteger runs = new AtomicInteger();
    Throwable error = failure(cachify.cached("u-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()))).call(1));
    assertThat(error).isInstanceOf(StoreException.class).hasMessageContaining("redis store");
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
    assertThat(failure(cachify.isLocked("k"))).isInstanceOf(StoreException.class);
    assertThat(runs).as("nothing ran unguarded").hasValue(0);
  }
}
