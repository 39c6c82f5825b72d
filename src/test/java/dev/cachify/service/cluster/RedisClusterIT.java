package dev.cachify.service.cluster;

import dev.cachify.bus.CachifyService;
import dev.cachify.bus.LockGrant;
import dev.cachify.bus.LockRequest;
import dev.cachify.testsupport.ClusterSupport;
import dev.cachify.testsupport.PrivateRedis;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three users nodes as three JVMs of the real fat jar, clustered through Hazelcast, sharing a
 * private Redis (cache and locks) and one PostgreSQL table; the test JVM joins the cluster as a
 * fourth member that is no users node, and talks to the cachify service through the typed client.
 * Node A updates slowly (simulated delay), so its updates can be watched while they run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(NodeLogsOnFailure.class)
class RedisClusterIT {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final long NODE_A_UPDATE_DELAY_MS = 4_000;
  static final int UPDATE_LOCK_SECONDS = 5;

  static PrivateRedis redis;
  static String table;
  static NodeProcess a;
  static NodeProcess b;
  static NodeProcess c;
  static int bridgePort;
  static Vertx client;
  static CachifyService cachify;
  static final List<JsonObject> created = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    redis = PrivateRedis.launch();
    table = "users_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    bridgePort = NodeProcess.freePort();
    ClusterLayout layout = new ClusterLayout("redis-it", 3)
      .with("REDIS_URL", redis.url())
      .with("DATABASE_URL", POSTGRES_URL)
      .with("USERS_TABLE", table)
      .with("CACHIFY_PREFIX", "IT-" + UUID.randomUUID() + "-")
      .with("USERS_UPDATE_LOCK_SECONDS", String.valueOf(UPDATE_LOCK_SECONDS));
    a = NodeProcess.start("redis-it-a", layout.node(0, Map.of("USERS_SIMULATED_DELAY_MS", String.valueOf(NODE_A_UPDATE_DELAY_MS))));
    b = NodeProcess.start("redis-it-b", layout.node(1, Map.of("TCP_BRIDGE_ENABLED", "true",
      "TCP_BRIDGE_PORT", String.valueOf(bridgePort))));
    c = NodeProcess.start("redis-it-c", layout.node(2, Map.of()));
    a.awaitUp();
    b.awaitUp();
    c.awaitUp();

    client = ClusterSupport.startNode(layout.clusterName(), layout.seeds().toArray(String[]::new));
    cachify = CachifyService.createProxy(client);
    await("the cachify service seen from the client").atMost(Duration.ofSeconds(30)).ignoreExceptions()
      .until(() -> await(cachify.isLocked("warm-up")) != null);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close().toCompletionStage().toCompletableFuture().get();
    }
    for (NodeProcess node : new NodeProcess[] {a, b, c}) {
      if (node != null) {
        node.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
    try (Connection connection = DriverManager.getConnection(POSTGRES_URL)) {
      connection.createStatement().execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  @Order(1)
  void aUserCreatedThroughNodeAIsReadThroughNodesBAndC() {
    JsonObject user = create(a, "Grace");

    assertThat(Http.get(b, "/users/" + user.getLong("id"))).isEqualTo(new Http.Answer(200, user));
    assertThat(Http.get(c, "/users/" + user.getLong("id"))).isEqualTo(new Http.Answer(200, user));
  }

  @Test
  @Order(2)
  void everyNodeIsHealthyAndCountsTheClustersMembers() {
    for (NodeProcess node : List.of(a, b, c)) {
      Http.Answer health = Http.get(node, "/health");
      assertThat(health.status()).as("%s: %s", node.name(), health.body()).isEqualTo(200);
      // A, B, C and this test's JVM (a Hazelcast member for the typed client).
      assertThat(check(health.body(), "cluster").getInteger("members")).isEqualTo(4);
      assertThat(check(health.body(), "store").getString("store")).isEqualTo("redis");
      assertThat(check(health.body(), "database").getString("database")).startsWith("jdbc:postgresql:");
    }
  }

  @Test
  @Order(3)
  void whileNodeAUpdatesAUserNodeBAnswers226ForItAndUpdatesOthersThenReadsTheNewValue() {
    JsonObject user = create(a, "Ada");
    JsonObject other = create(a, "Alan");
    long id = user.getLong("id");
    assertThat(Http.get(b, "/users/" + id).status()).isEqualTo(200); // cached on B's read path

    CompletableFuture<Http.Answer> slowUpdate = Http.putAsync(a, "/users/" + id, Http.person("Ada Lovelace"));
    awaitLocked(onceKey(id));

    assertThat(Http.put(b, "/users/" + id, Http.person("Ada from B")))
      .isEqualTo(new Http.Answer(226, new JsonObject().put("status", "update in progress")));
    Http.Answer otherUpdate = Http.put(b, "/users/" + other.getLong("id"), Http.person("Alan Turing"));
    assertThat(otherUpdate.status()).isEqualTo(200);
    assertThat(otherUpdate.body().getString("name")).isEqualTo("Alan Turing");

    assertThat(slowUpdate.join().status()).isEqualTo(200);
    assertThat(Http.get(b, "/users/" + id).body().getString("name")).isEqualTo("Ada Lovelace");
    assertThat(Http.get(c, "/users/" + id).body().getString("name")).isEqualTo("Ada Lovelace");
    remember(id, "Ada Lovelace");
    remember(other.getLong("id"), "Alan Turing");
  }

  @Test
  @Order(4)
  void aLockTakenByTheTypedClientHoldsForTheUsersNodesOnce() {
    long id = create(b, "Barbara").getLong("id");
    LockGrant grant = await(cachify.acquireLock(onceKey(id), new LockRequest().setExpMs(30_000L)));

    assertThat(Http.put(a, "/users/" + id, Http.person("Barbara A")).status()).isEqualTo(226);
    assertThat(Http.put(c, "/users/" + id, Http.person("Barbara C")).status()).isEqualTo(226);

    assertThat(await(cachify.releaseLock(grant.getKey(), grant.getToken()))).isTrue();
    assertThat(Http.put(c, "/users/" + id, Http.person("Barbara Liskov")).status()).isEqualTo(200);
    remember(id, "Barbara Liskov");
  }

  @Test
  @Order(5)
  void aLockTakenThroughTheTcpBridgeByAClientWithoutVertxHoldsForTheUsersNodes() throws Exception {
    long id = create(c, "Edsger").getLong("id");
    try (BridgeSocketClient bridge = new BridgeSocketClient("127.0.0.1", bridgePort)) {
      Map<String, Object> grant = bridge.request("cachify.lock.acquire", Map.of("key", onceKey(id), "expMs", 30_000));
      assertThat(grant).containsEntry("type", "message");
      @SuppressWarnings("unchecked")
      String token = (String) ((Map<String, Object>) grant.get("body")).get("token");

      assertThat(Http.put(a, "/users/" + id, Http.person("Edsger A")).status()).isEqualTo(226);
      assertThat(Http.put(c, "/users/" + id, Http.person("Edsger C")).status()).isEqualTo(226);
      assertThat(bridge.request("cachify.lock.status", Map.of("key", onceKey(id))).get("body"))
        .isEqualTo(Map.of("key", onceKey(id), "locked", true));
      Map<String, Object> refused = bridge.request("cachify.lock.acquire", Map.of("key", onceKey(id)));
      assertThat(refused).containsEntry("type", "err").containsEntry("failureCode", 423);

      assertThat(bridge.request("cachify.lock.release", Map.of("key", onceKey(id), "token", token)).get("body"))
        .isEqualTo(Map.of("key", onceKey(id), "released", true));
      assertThat(Http.put(a, "/users/" + id, Http.person("Edsger Dijkstra")).status()).isEqualTo(200);
      remember(id, "Edsger Dijkstra");

      // The users service answers over the bridge too; other addresses are closed.
      assertThat(bridge.request("users.get", Map.of("id", id)).get("body"))
        .isEqualTo(Map.of("id", (int) id, "name", "Edsger Dijkstra", "email", "edsger.dijkstra@example.com"));
      assertThat(bridge.request("__vertx.internal", Map.of())).containsEntry("type", "err").containsEntry("failureCode", 403)
        .hasEntrySatisfying("message", message -> assertThat((String) message).startsWith("access_denied: "));
    }
  }

  @Test
  @Order(6)
  void killingNodeAWhileItHoldsAnUpdateLeavesNoHalfWriteAndTheOthersGoOn() throws Exception {
    long id = create(a, "Hopper").getLong("id");
    Http.putAsync(a, "/users/" + id, Http.person("Half written")); // A dies before its delayed UPDATE runs
    awaitLocked(onceKey(id));

    a.kill();
    long killedAt = System.nanoTime();

    assertThat(Http.put(b, "/users/" + id, Http.person("Grace Hopper")).status())
      .as("the dead node's lock holds until it expires").isEqualTo(226);
    await("B's update once A's lock expired").atMost(Duration.ofSeconds(UPDATE_LOCK_SECONDS + 20))
      .pollInterval(Duration.ofMillis(250))
      .until(() -> Http.put(b, "/users/" + id, Http.person("Grace Hopper")).status() == 200);
    System.out.printf("B's update succeeded %d ms after kill -9 of A (lock expiration %d s)%n",
      Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), UPDATE_LOCK_SECONDS);
    assertThat(Http.get(c, "/users/" + id).body().getString("name")).isEqualTo("Grace Hopper");
    remember(id, "Grace Hopper");

    // Every row written before is there, whole.
    JsonArray users = Http.get(c, "/users?limit=100").body().getJsonArray("users");
    assertThat(users).hasSize(created.size());
    for (JsonObject expected : created) {
      assertThat(users.stream().map(JsonObject.class::cast)
        .filter(u -> u.getLong("id").equals(expected.getLong("id"))).findFirst())
        .as("user %s", expected.getLong("id")).hasValue(expected);
    }

    // The cluster goes on: B and C serve, and once Hazelcast has dropped A the client is served by B or C.
    JsonObject late = create(c, "Katherine");
    assertThat(Http.get(b, "/users/" + late.getLong("id")).body()).isEqualTo(late);
    await("Hazelcast drops the killed node").atMost(Duration.ofSeconds(40))
      .until(() -> ((VertxInternal) client).clusterManager().getNodes().size() == 3);
    System.out.printf("Hazelcast dropped A %d ms after kill -9%n", Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
    // B says so once, and its health counts who is left.
    await("B logs that A left").atMost(Duration.ofSeconds(40)).until(() -> b.logText().contains("Cluster node left"));
    assertThat(b.logText().lines().filter(line -> line.contains("Cluster node left"))).hasSize(1);
    await("B's health counts the members left").atMost(Duration.ofSeconds(10))
      .until(() -> check(Http.get(b, "/health").body(), "cluster").getInteger("members") == 3);
    assertThat(Http.get(b, "/health").status()).isEqualTo(200);
    for (int i = 0; i < 10; i++) {
      LockGrant grant = await(cachify.acquireLock("after-kill-" + i, null));
      assertThat(await(cachify.releaseLock(grant.getKey(), grant.getToken()))).isTrue();
    }
  }

  /** The data of health check {@code id} in a /health body. */
  private static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(check -> check.getString("id").equals(id)).findFirst()
      .orElseThrow(() -> new AssertionError("no check " + id + " in " + health.encode()))
      .getJsonObject("data");
  }

  private static JsonObject create(NodeProcess node, String name) {
    JsonObject user = Http.createUser(node, name);
    created.add(user);
    return user;
  }

  /** Updates the expected state of user {@code id} after a successful PUT. */
  private static void remember(long id, String name) {
    created.stream().filter(u -> u.getLong("id") == id).forEach(u -> u.mergeIn(Http.person(name)));
  }


  /** The users service's update lock of user {@code id}: {@code once("update-user-{userId}")}. */
  private static String onceKey(long id) {
    return "update-user-" + id + "-once";
  }

  private static void awaitLocked(String key) {
    await("the update lock " + key + " taken").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
      .until(() -> await(cachify.isLocked(key)));
  }
}
