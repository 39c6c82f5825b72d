package dev.cachify.service.ops;

import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.service.users.UsersNode;
import dev.cachify.service.users.UsersSetups;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /metrics} and {@code /health} of a node started as {@code java -jar} starts it. */
class NodeOpsTest {

  private static final String READ_CACHE = "cache=\"read_user-{userId}\"";

  @Test
  void metricsShowTheCacheTheOnceRefusalsAndVertxFigures() throws Exception {
    try (UsersNode node = UsersNode.withVertxMetrics(UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore()))) {
      long id = post(node, "/users", new JsonObject().put("name", "Ada").put("email", "ada@example.com"))
        .bodyAsJsonObject().getLong("id");
      for (int i = 0; i < 3; i++) {
        assertThat(get(node, "/users/" + id).statusCode()).isEqualTo(200);
      }

      // An update held at the repository keeps its once-lock: a second PUT of that user is refused.
      Runnable release = node.hold(UserRepositoryAddresses.UPDATE);
      Future<HttpResponse<Buffer>> first = node.client().put("/users/" + id)
        .sendJsonObject(new JsonObject().put("name", "Ada L.").put("email", "ada@example.com"));
      await("the first update holds its lock").atMost(Duration.ofSeconds(10))
        .until(() -> node.requestsTo(UserRepositoryAddresses.UPDATE) == 1);
      HttpResponse<Buffer> refused = put(node, "/users/" + id, new JsonObject().put("name", "Grace").put("email", "grace@example.com"));
      assertThat(refused.statusCode()).isEqualTo(226);
      release.run();
      assertThat(first.await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

      String metrics = scrape(node);
      assertThat(value(metrics, "cachify_cache_misses_total{" + READ_CACHE + "}")).isEqualTo(1);
      assertThat(value(metrics, "cachify_cache_hits_total{" + READ_CACHE + "}")).isEqualTo(2);
      assertThat(value(metrics, "cachify_cache_loads_seconds_count{" + READ_CACHE + ",outcome=\"success\"}"))
        .isEqualTo(1);
      assertThat(value(metrics, "cachify_once_refused_total{once=\"update-user-{userId}\"}")).isEqualTo(1);
      assertThat(value(metrics, "cachify_lock_wait_seconds_count{outcome=\"acquired\"}")).isEqualTo(1);
      assertThat(value(metrics, "cachify_lock_held_seconds_count")).isEqualTo(1);
      assertThat(value(metrics, "vertx_http_server_requests_total{code=\"226\",method=\"PUT\"}")).isEqualTo(1);
      assertThat(metrics).contains("vertx_eventbus_sent_total").contains("jvm_memory_used_bytes");
      assertThat(get(node, "/metrics").getHeader("content-type")).startsWith("text/plain");
    }
  }

  @Test
  void nearCacheReadsAreCounted() {
    PrivateRedis redis = PrivateRedis.launch();
    JsonObject config = UsersSetups.sqlite().mergeIn(UsersSetups.redisStore(redis)).put("NEAR_CACHE_ENABLED", true);
    try (UsersNode node = new UsersNode(config)) {
      long id = post(node, "/users", new JsonObject().put("name", "Ada").put("email", "ada@example.com"))
        .bodyAsJsonObject().getLong("id");
      await("the near cache answers").atMost(Duration.ofSeconds(10)).until(() -> {
        assertThat(get(node, "/users/" + id).statusCode()).isEqualTo(200);
        return value(scrape(node), "cachify_near_cache_hits_total") >= 1;
      });
      String metrics = scrape(node);
      assertThat(value(metrics, "cachify_near_cache_misses_total")).isGreaterThanOrEqualTo(1);
      assertThat(value(metrics, "cachify_cache_hits_total{" + READ_CACHE + "}")).isGreaterThanOrEqualTo(1);
    } finally {
      redis.close();
    }
  }

  @Test
  void healthIsUpWithEachCheckAndItsState() {
    try (UsersNode node = new UsersNode(UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore()))) {
      HttpResponse<Buffer> health = get(node, "/health");

      assertThat(health.statusCode()).isEqualTo(200);
      JsonObject body = health.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(check(body, "store").getJsonObject("data").getString("store")).isEqualTo("memory");
      assertThat(check(body, "database").getJsonObject("data").getString("database")).startsWith("jdbc:sqlite:");
      assertThat(check(body, "cluster").getJsonObject("data").getBoolean("clustered")).isFalse();
    }
  }

  @Test
  void healthIs503WhileTheStoreIsDownAndUpOnceItIsBack() {
    PrivateRedis redis = PrivateRedis.launch();
    try (UsersNode node = new UsersNode(UsersSetups.sqlite().mergeIn(UsersSetups.redisStore(redis)))) {
      assertThat(get(node, "/health").statusCode()).isEqualTo(200);

      redis.stop();
      long stopped = System.nanoTime();
      HttpResponse<Buffer> down = get(node, "/health");
      long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

      assertThat(down.statusCode()).isEqualTo(503);
      JsonObject store = check(down.bodyAsJsonObject(), "store");
      assertThat(store.getString("status")).isEqualTo("DOWN");
      assertThat(store.getJsonObject("data").getString("store")).isEqualTo("redis");
      assertThat(store.getJsonObject("data").getString("error")).isNotBlank();
      assertThat(check(down.bodyAsJsonObject(), "database").getString("status")).isEqualTo("UP");
      System.out.println("/health answered 503 " + answeredMs + " ms after Redis stopped");
      assertThat(value(scrape(node), "cachify_store_errors_total{operation=\"ping\",store=\"redis\"}"))
        .isGreaterThanOrEqualTo(1);

      redis.start();
      await("UP again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> get(node, "/health").statusCode() == 200);
    } finally {
      redis.close();
    }
  }

  @Test
  void aWebNodeWithoutDataNodesIsDown() {
    JsonObject webOnly = UsersSetups.memoryStore().put("ROLES", "http,cachify");
    try (UsersNode node = new UsersNode(webOnly)) {
      HttpResponse<Buffer> health = get(node, "/health");

      assertThat(health.statusCode()).isEqualTo(503);
      JsonObject database = check(health.bodyAsJsonObject(), "database");
      assertThat(database.getString("status")).isEqualTo("DOWN");
      assertThat(database.getJsonObject("data").getString("error")).isEqualTo("no data node in the cluster");
    }
  }

  private static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(check -> check.getString("id").equals(id)).findFirst()
      .orElseThrow(() -> new AssertionError("no check " + id + " in " + health.encode()));
  }

  /** The sample of {@code series} (its name and labels, as exposed) in Prometheus text. */
  private static double value(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
      .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
      .orElseThrow(() -> new AssertionError(series + " not in\n" + metrics));
  }

  private static String scrape(UsersNode node) {
    return get(node, "/metrics").bodyAsString();
  }

  private static HttpResponse<Buffer> get(UsersNode node, String path) {
    return node.client().get(path).send().await();
  }

  private static HttpResponse<Buffer> post(UsersNode node, String path, JsonObject body) {
    return node.client().post(path).sendJsonObject(body).await();
  }

  private static HttpResponse<Buffer> put(UsersNode node, String path, JsonObject body) {
    return node.client().put(path).sendJsonObject(body).await();
  }
}
