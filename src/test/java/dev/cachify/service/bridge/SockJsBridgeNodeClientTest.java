package dev.cachify.service.bridge;

import dev.cachify.service.users.UsersNode;
import dev.cachify.service.users.UsersSetups;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SockJS bridge with the official Node.js client, {@code @vertx/eventbus-bridge-client.js}
 * (installed by the build into {@code target/node-client}): a Node script takes and releases a
 * lock, reads a user, and is refused, in its reply callbacks, on an internal address, for a header
 * that is not a string, and without the right token; its publish gets the bridge's access_denied.
 */
class SockJsBridgeNodeClientTest {

  static final String TOKEN = "sockjs-bridge-test-token";
  static final Path CLIENT = Path.of("target", "node-client", "bridge-client.js");
  static UsersNode node;
  /** Headers of the messages that reached {@code cachify.lock.status}, as its consumer sees them. */
  static HeadersSeen seenHeaders;

  @BeforeAll
  static void start() {
    node = new UsersNode(UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore())
      .put("SOCKJS_BRIDGE_ENABLED", true).put("BRIDGE_TOKEN", TOKEN));
    seenHeaders = HeadersSeen.at(node.vertx(), "cachify.lock.status");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void overWebSocketTheOfficialNodeClientUsesThePublicContractsAndIsRefusedElsewhere() throws Exception {
    checkClient(null);
  }

  @Test
  void overXhrPollingToo() throws Exception {
    // The XHR transports post their frames: what the bridge route's body handler is for.
    checkClient("xhr-polling");
  }

  private void checkClient(String transport) throws Exception {
    String metricsBefore = await(node.client().get("/metrics").send()).bodyAsString();
    int statusesBefore = seenHeaders.count();
    JsonObject user = await(node.client().post("/users")
      .sendJsonObject(new JsonObject().put("name", "Ada").put("email", "ada@example.com"))).bodyAsJsonObject();
    int repositoryGets = node.requestsTo(UserRepositoryAddresses.GET);

    JsonObject out = runClient("http://127.0.0.1:" + node.port() + "/eventbus", TOKEN, user.getLong("id"), transport);

    assertThat(out.getMap()).doesNotContainKeys("failure", "timedOut");
    JsonObject grant = out.getJsonObject("acquire").getJsonObject("body");
    assertThat(grant.getString("token")).isNotBlank();
    assertThat(out.getJsonObject("statusWhileHeld").getJsonObject("body").getBoolean("locked")).isTrue();
    assertThat(seenHeaders.count()).isEqualTo(statusesBefore + 1);
    assertThat(seenHeaders.of(statusesBefore)).as("no service sees the token").doesNotContainKey(BridgeAccess.TOKEN_HEADER);
    assertThat(out.getJsonObject("release").getJsonObject("body").getBoolean("released")).isTrue();

    assertThat(out.getJsonObject("usersGet").getJsonObject("body")).isEqualTo(user);

    assertThat(out.getJsonObject("internalUsersGet").getJsonObject("error").getMap())
      .containsEntry("failureCode", 403).containsEntry("failureType", "RECIPIENT_FAILURE")
      .containsEntry("message", "access_denied: internal.users.get is not a public address (the bridge sends to the "
        + "cachify.* and users.* public contracts only)");
    assertThat(node.requestsTo(UserRepositoryAddresses.GET) - repositoryGets)
      .as("repository reads: the one of users.get at most (it may be cached), none of internal.users.get").isLessThanOrEqualTo(1);
    assertThat(out.getJsonObject("badHeader").getJsonObject("error").getMap()).containsEntry("failureCode", 400)
      .containsEntry("message", "bad_headers: headers must be an object of strings; 'attempt' is not a string");
    assertThat(out.getJsonObject("publish").getMap()).containsEntry("type", "err").containsEntry("body", "access_denied");
    assertThat(out.getJsonObject("missingToken").getJsonObject("error").getMap()).containsEntry("failureCode", 403)
      .containsEntry("message", "access_denied: this bridge needs the bridge-token header in every message");
    assertThat(out.getJsonObject("wrongToken").getJsonObject("error").getMap()).containsEntry("failureCode", 403)
      .containsEntry("message", "access_denied: wrong bridge-token");

    String metrics = await(node.client().get("/metrics").send()).bodyAsString();
    for (String reason : List.of("not_public", "not_a_send", "missing_token", "wrong_token", "bad_headers")) {
      assertThat(count(metrics, reason) - count(metricsBefore, reason)).as(reason).isEqualTo(1.0);
    }
  }

  private static double count(String metrics, String reason) {
    Matcher line = Pattern.compile("cachify_bridge_refused_total\\{bridge=\"sockjs\",reason=\"" + reason + "\"} ([0-9.E]+)")
      .matcher(metrics);
    assertThat(line.find()).as("the %s counter in /metrics", reason).isTrue();
    return Double.parseDouble(line.group(1));
  }

  /** Runs the Node script, waits at most 60 s, and answers the JSON object it printed. */
  static JsonObject runClient(String url, String token, long userId, String transport)
    throws IOException, InterruptedException {
    assertThat(CLIENT).as("the build installs the Node client (mvn process-test-resources)").exists();
    Path stderr = Files.createTempFile("node-client-", ".err");
    List<String> command = new ArrayList<>(List.of("node", CLIENT.toString(), url, token, String.valueOf(userId)));
    if (transport != null) {
      command.add(transport);
    }
    Process process = new ProcessBuilder(command)
      .redirectError(stderr.toFile())
      .start();
    try {
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = Files.readString(stderr);
      assertThat(ended).as("the Node client ended within 60 s; stderr:%n%s", errors).isTrue();
      assertThat(process.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, errors).isZero();
      return new JsonObject(stdout.trim());
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
  }
}
