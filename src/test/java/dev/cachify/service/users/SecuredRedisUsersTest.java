package dev.cachify.service.users;

import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.TestCertificates;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.UUID;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node's store settings for a Redis with a password and TLS: REDIS_URL carries the password
 * ({@code redis://:secret@host}, {@code rediss://}), REDIS_CA_FILE the CA of a privately signed
 * server; the service caches through it.
 */
class SecuredRedisUsersTest {

  private static final String PASSWORD = "node-s3cret-99";

  static TestCertificates certificates;
  static PrivateRedis redis;
  static boolean tls;

  @BeforeAll
  static void start() {
    certificates = TestCertificates.create();
    try {
      redis = PrivateRedis.launch(PASSWORD, certificates);
      tls = true;
    } catch (TestAbortedException noTls) {
      redis = PrivateRedis.launch(PASSWORD, null);
    }
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
    certificates.close();
  }

  @Test
  void aPasswordInTheUrl() {
    servesCachedReads(new JsonObject().put("REDIS_URL", "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port()));
  }

  @Test
  void tlsWithThePrivateCa() {
    assumeTrue(tls, "this redis-server cannot serve TLS");
    servesCachedReads(new JsonObject().put("REDIS_URL", "rediss://:" + PASSWORD + "@localhost:" + redis.tlsPort())
      .put("REDIS_CA_FILE", certificates.caCert().toString()));
  }

  private static void servesCachedReads(JsonObject redisSettings) {
    try (UsersNode node = new UsersNode(UsersSetups.sqlite().mergeIn(redisSettings).put("CACHIFY_PREFIX", "SEC-" + UUID.randomUUID() + "-"))) {
      HttpResponse<?> created = await(node.client().post("/users")
        .sendJsonObject(new JsonObject().put("name", "Ada").put("email", "ada@example.com")));
      assertThat(created.statusCode()).isEqualTo(201);
      String path = "/users/" + created.bodyAsJsonObject().getLong("id");
      assertThat(await(node.client().get(path).send()).statusCode()).isEqualTo(200);
      assertThat(await(node.client().get(path).send()).bodyAsJsonObject()).isEqualTo(created.bodyAsJsonObject());
      assertThat(node.databaseReads()).as("the second read came from Redis").isEqualTo(1);
    }
  }
}
