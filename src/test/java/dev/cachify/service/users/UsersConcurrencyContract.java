package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The users API under concurrency, with the tutorial's simulated delay so the lock and the cache
 * are seen at work: concurrent updates of one user, and a slow read racing an update.
 */
public abstract class UsersConcurrencyContract extends UsersHttpTest {

  static final long DELAY_MS = 400;

  /** The node's database and store, before the delay is added. */
  protected abstract JsonObject baseConfig();

  @Override
  protected final JsonObject nodeConfig() {
    return baseConfig().put("USERS_SIMULATED_DELAY_MS", DELAY_MS);
  }

  @Test
  void twentyConcurrentUpdatesOfOneUserLetExactlyOneThrough() throws Exception {
    long id = createUser("Before", "before@example.com");
    // The winner's update waits at the repository's door until the other 19 have their answer.
    Runnable release = node.hold(UserRepositoryAddresses.UPDATE);
    List<Future<HttpResponse<Buffer>>> puts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      puts.add(sendAsync("PUT", "/users/" + id, user("Writer " + i, "w" + i + "@example.com").encode()));
    }
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> puts.stream().filter(Future::isComplete).count() == 19);
    } finally {
      release.run();
    }
    Future.join(puts).await(30, TimeUnit.SECONDS);
    List<HttpResponse<Buffer>> ok = puts.stream().map(Future::result).filter(r -> r.statusCode() == 200).toList();
    List<HttpResponse<Buffer>> busy = puts.stream().map(Future::result).filter(r -> r.statusCode() == 226).toList();
    assertThat(ok).hasSize(1);
    assertThat(busy).hasSize(19).allSatisfy(r -> assertThat(r.bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("status", "update in progress")));
    String winner = ok.get(0).bodyAsJsonObject().getString("name");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo(winner);
    assertThat(get("/users?limit=100").bodyAsJsonObject().getJsonArray("users").stream()
      .map(JsonObject.class::cast).filter(u -> u.getLong("id") == id).findFirst().orElseThrow()
      .getString("name")).as("the row holds the winner's data").isEqualTo(winner);
  }

  @Test
  void aSlowReadThatStartedBeforeAnUpdateLeavesNoStaleEntry() throws Exception {
    long id = createUser("Old", "old@example.com");
    int updatesBefore = node.requestsTo(UserRepositoryAddresses.UPDATE);
    Future<HttpResponse<Buffer>> update = sendAsync("PUT", "/users/" + id, user("New", "new@example.com").encode());
    // The update is inside its lock and its delay: its write commits DELAY_MS from now.
    await().atMost(Duration.ofSeconds(10)).until(() -> node.requestsTo(UserRepositoryAddresses.UPDATE) > updatesBefore);
    // This read misses, reads the old row at once, and answers DELAY_MS later: after the reset.
    Future<HttpResponse<Buffer>> slowRead = sendAsync("GET", "/users/" + id, null);
    assertThat(update.await(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(slowRead.await(30, TimeUnit.SECONDS).bodyAsJsonObject().getString("name"))
      .as("the read started before the update").isEqualTo("Old");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name"))
      .as("no stale entry once the update has returned").isEqualTo("New");
  }
}
