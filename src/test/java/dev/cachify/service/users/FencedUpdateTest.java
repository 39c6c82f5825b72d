package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An update whose lock expired while it waited cannot overwrite the update after it: node A's
 * update is held at its repository's door until its one-second lock has expired, node B updates
 * the same user meanwhile (a newer lock, a higher fence), then A's write is let through and the
 * database refuses it; A answers 409, and the user keeps B's data.
 */
@ExtendWith(RedisServerExtension.class)
class FencedUpdateTest {

  private JsonObject config;
  private UsersNode a;
  private UsersNode b;
  private RedisStore probe;

  @BeforeEach
  void twoNodesOverOneDatabaseAndOneRedis() {
    config = UsersSetups.sqlite().mergeIn(UsersSetups.redisStore()).put("USERS_UPDATE_LOCK_SECONDS", 1);
    a = new UsersNode(config);
    b = new UsersNode(config);
    probe = RedisStore.create(a.vertx(), RedisServerExtension.server().url());
  }

  @AfterEach
  void close() {
    b.close();
    a.close();
  }

  @Test
  void aWriteWhoseLockExpiredIsRefusedAndReported() {
    long id = await(a.client().post("/users").sendJsonObject(user("Ada"))).bodyAsJsonObject().getLong("id");
    String lockKey = config.getString("CACHIFY_PREFIX") + "update-user-" + id + "-once";

    Runnable letAThrough = a.hold(UserRepositoryAddresses.UPDATE);
    Future<HttpResponse<Buffer>> staleUpdate = a.client().put("/users/" + id).sendJsonObject(user("Ada from A"));
    await().atMost(Duration.ofSeconds(5)).until(() -> a.requestsTo(UserRepositoryAddresses.UPDATE) == 1);
    await("A's lock expired").atMost(Duration.ofSeconds(10)).until(() -> !await(probe.isLocked(lockKey)));

    HttpResponse<Buffer> newer = await(b.client().put("/users/" + id).sendJsonObject(user("Ada from B")));
    assertThat(newer.statusCode()).isEqualTo(200);
    letAThrough.run();

    HttpResponse<Buffer> stale = await(staleUpdate);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getString("error"))
      .contains("update of user " + id + " refused").contains("had expired");
    assertThat(await(a.client().get("/users/" + id).send()).bodyAsJsonObject().getString("name")).isEqualTo("Ada from B");
    assertThat(await(b.client().get("/users/" + id).send()).bodyAsJsonObject().getString("name")).isEqualTo("Ada from B");
  }

  @Test
  void updatesInTurnEachWrite() {
    long id = await(a.client().post("/users").sendJsonObject(user("Grace"))).bodyAsJsonObject().getLong("id");

    assertThat(await(a.client().put("/users/" + id).sendJsonObject(user("Grace A"))).statusCode()).isEqualTo(200);
    assertThat(await(b.client().put("/users/" + id).sendJsonObject(user("Grace B"))).statusCode()).isEqualTo(200);
    assertThat(await(a.client().put("/users/" + id).sendJsonObject(user("Grace C"))).statusCode()).isEqualTo(200);
    assertThat(await(b.client().get("/users/" + id).send()).bodyAsJsonObject().getString("name")).isEqualTo("Grace C");
  }

  private static JsonObject user(String name) {
    return new JsonObject().put("name", name).put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
  }
}
