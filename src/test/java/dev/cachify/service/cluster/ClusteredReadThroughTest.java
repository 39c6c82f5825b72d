package dev.cachify.service.cluster;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.service.bridge.tcp.TcpBridgeVerticle;
import dev.cachify.bus.CachifyAddresses;
import dev.cachify.bus.CachifyFailures;
import dev.cachify.bus.CachifyVerticle;
import dev.cachify.bus.LoaderOptions;
import dev.cachify.cache.impl.LoadLockCountingStore;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.ClusterSupport;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.given;

/**
 * {@code cachify.cache.load} across a cluster: three clustered Vert.x nodes in this JVM, each with
 * its own {@code Cachify} over one private Redis and its own {@link CachifyVerticle}; node 3 also
 * opens the TCP bridge. A slow loader on node 1 answers only once every load has reached a node
 * and every node's leader has tried the cluster's load lock, so the loads really overlap.
 */
@ExtendWith(RedisServerExtension.class)
class ClusteredReadThroughTest {

  private static final int LOADS = 500;
  /** Of the loads, those sent by plain-socket clients through the TCP bridge. */
  private static final int BRIDGE_LOADS = 10;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(30_000);

  static final List<Vertx> nodes = new ArrayList<>();
  static final List<LoadLockCountingStore> stores = new ArrayList<>();
  /** Per node: the {@code cachify.cache.load} messages delivered to it. */
  static final List<AtomicInteger> arrived = new ArrayList<>();
  static String prefix;
  static int bridgePort;

  @BeforeAll
  static void startCluster(PrivateRedis redis) {
    String cluster = ClusterSupport.uniqueClusterName("read-through");
    Vertx first = ClusterSupport.startNode(cluster);
    nodes.add(first);
    nodes.add(ClusterSupport.startNode(cluster, ClusterSupport.memberAddress(first)));
    nodes.add(ClusterSupport.startNode(cluster, ClusterSupport.memberAddress(first)));
    prefix = "LOAD-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    LoaderOptions loaders = new LoaderOptions().setAddressRegex("loaders\\..+").setTimeoutMs(10_000);
    for (Vertx node : nodes) {
      LoadLockCountingStore store = new LoadLockCountingStore(RedisStore.create(node, RedisStoreOptions.fromUrl(redis.url())));
      stores.add(store);
      AtomicInteger count = new AtomicInteger();
      arrived.add(count);
      node.eventBus().addInboundInterceptor(delivery -> {
        if (CachifyAddresses.CACHE_LOAD.equals(delivery.message().address())) {
          count.incrementAndGet();
        }
        delivery.next();
      });
      Cachify cachify = Cachify.create(node, new CachifyOptions().setStore(store).setPrefix(prefix)
        .setEntryLoadTimeout(Duration.ofSeconds(11)));
      await(node.deployVerticle(new CachifyVerticle(cachify, loaders)));
    }
    bridgePort = NodeProcess.freePort();
    await(nodes.get(2).deployVerticle(new TcpBridgeVerticle("127.0.0.1", bridgePort)));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      await(stores.get(i).close());
      nodes.get(i).close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void fiveHundredConcurrentLoadsOfAColdKeyOverThreeNodesAndTheBridgeAskTheLoaderOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    JsonObject rate = new JsonObject().put("currency", "EUR").put("rate", 1.08);
    await(nodes.get(0).eventBus().consumer("loaders.rates", (Message<JsonObject> request) -> {
      calls.incrementAndGet();
      gate.future().onSuccess(open -> request.reply(rate.copy().put("asked", request.body().getString("currency"))));
    }).completion());
    JsonObject load = new JsonObject().put("key", "rates-EUR").put("loader", "loaders.rates")
      .put("body", new JsonObject().put("currency", "EUR")).put("ttlMs", 60_000);

    List<Future<Message<JsonObject>>> overBus = new ArrayList<>();
    for (int i = 0; i < LOADS - BRIDGE_LOADS; i++) {
      overBus.add(nodes.get(i % nodes.size()).eventBus().request(CachifyAddresses.CACHE_LOAD, load, LOCAL));
    }
    ExecutorService bridgeClients = Executors.newFixedThreadPool(BRIDGE_LOADS);
    try {
      List<java.util.concurrent.Future<Map<String, Object>>> overBridge = IntStream.range(0, BRIDGE_LOADS)
        .mapToObj(i -> bridgeClients.submit(() -> {
          try (BridgeSocketClient client = new BridgeSocketClient("127.0.0.1", bridgePort)) {
            return client.request(CachifyAddresses.CACHE_LOAD, plain(load));
          }
        })).toList();

      // Every load is in, and every node's leader has tried the load lock (or, failing the test, asked too).
      given().pollInterval(Duration.ofMillis(10)).await().atMost(Duration.ofSeconds(30))
        .until(() -> arrived.stream().mapToInt(AtomicInteger::get).sum() == LOADS
          && (calls.get() > 1 || stores.stream().allMatch(store -> store.takenLoadLocks() + store.refusedLoadLocks() > 0)));
      assertThat(calls).as("asked once while every load waits").hasValue(1);
      gate.complete();

      JsonObject answer = rate.copy().put("asked", "EUR");
      for (Future<Message<JsonObject>> reply : overBus) {
        assertThat(await(reply).body()).isEqualTo(new JsonObject().put("key", "rates-EUR").put("found", true)
          .put("value", answer));
      }
      for (java.util.concurrent.Future<Map<String, Object>> reply : overBridge) {
        Map<String, Object> frame = reply.get(30, TimeUnit.SECONDS);
        assertThat(frame.get("type")).as("frame %s", frame).isEqualTo("message");
        assertThat(new JsonObject(frame).getJsonObject("body").getJsonObject("value")).isEqualTo(answer);
      }
    } finally {
      bridgeClients.shutdownNow();
    }
    assertThat(calls).as("the loader was asked once for all " + LOADS + " loads").hasValue(1);
    assertThat(stores).allSatisfy(store -> assertThat(store.takenLoadLocks() + store.refusedLoadLocks()).isPositive());
    assertThat(arrived).allSatisfy(count -> assertThat(count.get()).isPositive());
  }

  @Test
  void aLoaderOutsideTheAllowListIsRefusedOnEveryNodeAndThroughTheBridgeAndNeverAsked() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    await(nodes.get(1).eventBus().consumer("payments.refund", (Message<Object> request) -> {
      asked.incrementAndGet();
      request.reply("refunded");
    }).completion());
    JsonObject load = new JsonObject().put("key", "refund-7").put("loader", "payments.refund")
      .put("body", new JsonObject().put("order", 7));

    for (Vertx node : nodes) {
      Throwable refused = failure(node.eventBus().request(CachifyAddresses.CACHE_LOAD, load, LOCAL));
      assertThat(refused).isInstanceOf(ReplyException.class)
        .hasMessageContaining("loader 'payments.refund' is not allowed").hasMessageContaining("CACHIFY_LOADER_ADDRESSES");
      assertThat(((ReplyException) refused).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    }
    try (BridgeSocketClient client = new BridgeSocketClient("127.0.0.1", bridgePort)) {
      Map<String, Object> frame = client.request(CachifyAddresses.CACHE_LOAD, plain(load));
      assertThat(frame.get("type")).isEqualTo("err");
      assertThat(((Number) frame.get("failureCode")).intValue()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    }

    assertThat(asked).hasValue(0);
    assertThat(await(stores.get(0).get(prefix + "refund-7"))).isNull();
  }

  /** {@code json} as plain maps and lists, what the bridge client's Jackson writes. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject json) {
    return Json.decodeValue(json.encode(), Map.class);
  }
}
