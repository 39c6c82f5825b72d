package dev.cachify.service.cluster;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No Redis: two fat-jar JVMs share cache and locks through Hazelcast ({@code CACHIFY_STORE=shared-data}).
 * The SQLite file is served by one data node, A; B is a web node whose users requests cross to A.
 * The test watches A's update lock through B's TCP bridge.
 */
@ExtendWith(NodeLogsOnFailure.class)
class SharedDataClusterIT {

  static final long NODE_A_UPDATE_DELAY_MS = 3_000;

  static Path dataDir;
  static NodeProcess a;
  static NodeProcess b;
  static int bridgePort;

  @BeforeAll
  static void startCluster() throws Exception {
    dataDir = Files.createTempDirectory("cachify-shared-data-it-");
    bridgePort = NodeProcess.freePort();
    ClusterLayout layout = new ClusterLayout("shared-data-it", 2)
      .with("CACHIFY_STORE", "shared-data")
      .with("DATABASE_URL", "jdbc:sqlite:" + dataDir.resolve("users.db"));
    a = NodeProcess.start("shared-data-it-a", layout.node(0, Map.of("ROLES", "http,data,cachify",
      "USERS_SIMULATED_DELAY_MS", String.valueOf(NODE_A_UPDATE_DELAY_MS))));
    b = NodeProcess.start("shared-data-it-b", layout.node(1, Map.of("ROLES", "http,cachify",
      "TCP_BRIDGE_ENABLED", "true", "TCP_BRIDGE_PORT", String.valueOf(bridgePort))));
    a.awaitUp();
    b.awaitUp();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (NodeProcess node : new NodeProcess[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void whileNodeAUpdatesAUserNodeBAnswers226ThenReadsTheNewValueThroughHazelcast() throws Exception {
    JsonObject user = Http.createUser(b, "Ada");   // B has no database: A's repository serves it
    JsonObject other = Http.createUser(a, "Alan");
    long id = user.getLong("id");
    assertThat(Http.get(a, "/users/" + id)).isEqualTo(new Http.Answer(200, user));
    assertThat(Http.get(b, "/users/" + id)).isEqualTo(new Http.Answer(200, user)); // now cached cluster-wide

    CompletableFuture<Http.Answer> slowUpdate = Http.putAsync(a, "/users/" + id, Http.person("Ada Lovelace"));
    try (BridgeSocketClient bridge = new BridgeSocketClient("127.0.0.1", bridgePort)) {
      String key = "update-user-" + id + "-once";
      await("A's update lock, seen through B").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> Map.of("key", key, "locked", true).equals(bridge.request("cachify.lock.status", Map.of("key", key)).get("body")));
    }

    assertThat(Http.put(b, "/users/" + id, Http.person("Ada from B")))
      .isEqualTo(new Http.Answer(226, new JsonObject().put("status", "update in progress")));
    Http.Answer otherUpdate = Http.put(b, "/users/" + other.getLong("id"), Http.person("Alan Turing"));
    assertThat(otherUpdate.status()).isEqualTo(200);
    assertThat(otherUpdate.body().getString("name")).isEqualTo("Alan Turing");

    assertThat(slowUpdate.join().status()).isEqualTo(200);
    assertThat(Http.get(b, "/users/" + id).body().getString("name")).isEqualTo("Ada Lovelace");
    assertThat(Http.get(a, "/users/" + id).body().getString("name")).isEqualTo("Ada Lovelace");
  }

}
