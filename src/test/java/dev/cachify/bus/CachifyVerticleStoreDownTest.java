package dev.cachify.bus;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** A store that does not answer: every address fails with STORE_UNAVAILABLE within the store's timeout. */
@ExtendWith(VertxExtension.class)
class CachifyVerticleStoreDownTest {

  private Vertx vertx;

  @BeforeEach
  void overADeadPort(Vertx vertx) throws IOException {
    this.vertx = vertx;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    RedisStore store = RedisStore.create(vertx, new RedisStoreOptions()
      .setConnectionString("redis://127.0.0.1:" + port).setCommandTimeoutMillis(500).setConnectTimeoutMillis(300));
    await(vertx.deployVerticle(new CachifyVerticle(Cachify.create(vertx, new CachifyOptions().setStore(store)))));
  }

  @ParameterizedTest
  @ValueSource(strings = {CachifyAddresses.CACHE_GET, CachifyAddresses.LOCK_ACQUIRE, CachifyAddresses.LOCK_STATUS})
  void theAddressAnswersStoreUnavailable(String address) {
    Throwable error = failure(vertx.eventBus().request(address, new JsonObject().put("key", "k"),
      new DeliveryOptions().setSendTimeout(5_000)));
    assertThat(error).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) error).failureCode()).isEqualTo(CachifyFailures.STORE_UNAVAILABLE);
    assertThat(error).hasMessageContaining("redis store");
  }

  @Test
  void theProxyAnswersStoreUnavailable() {
    Throwable error = failure(CachifyService.createProxy(vertx).acquireSlot("p", 2, null));
    assertThat(error).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) error).failureCode()).isEqualTo(CachifyFailures.STORE_UNAVAILABLE);
  }
}
