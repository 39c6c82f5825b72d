package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two users nodes (two Vert.x instances, not clustered) over one Redis and one SQLite file: a cold
 * user read by 500 concurrent requests spread over both is one database query, since the cached
 * read runs with cluster single-flight. The repository's {@code users.get} is held on both nodes
 * until every request was written, so the requests overlap for certain.
 */
@ExtendWith(RedisServerExtension.class)
class TwoNodesColdReadTest {

  private static final Logger LOG = LoggerFactory.getLogger(TwoNodesColdReadTest.class);
  private static final int READS_PER_NODE = 250;

  private record Answer(int status, Buffer body) {
  }

  @Test
  void fiveHundredConcurrentColdReadsOfOneUserOverTwoNodesQueryTheDatabaseOnce() throws Exception {
    JsonObject config = UsersSetups.sqlite().mergeIn(UsersSetups.redisStore());
    try (UsersNode nodeA = new UsersNode(config); UsersNode nodeB = new UsersNode(config)) {
      JsonObject user = nodeA.client().post("/users")
        .sendJsonObject(new JsonObject().put("name", "Ada").put("email", "ada@example.com"))
        .await(30, TimeUnit.SECONDS).bodyAsJsonObject();
      String path = "/users/" + user.getLong("id");
      Runnable releaseA = nodeA.hold(UserRepositoryAddresses.GET);
      Runnable releaseB = nodeB.hold(UserRepositoryAddresses.GET);

      List<Future<Void>> written = new ArrayList<>();
      List<Future<Answer>> answers = new ArrayList<>();
      // Held to the end: Vert.x closes an HTTP client that becomes unreachable ("Pool closed").
      List<HttpClient> clients = new ArrayList<>();
      try {
        clients.add(send(nodeA, path, written, answers));
        clients.add(send(nodeB, path, written, answers));
        Future.all(written).await(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> nodeA.databaseReads() + nodeB.databaseReads() >= 1);
        assertThat(answers).as("every read waits for the one query").noneMatch(Future::isComplete);
      } finally {
        releaseA.run();
        releaseB.run();
      }
      long released = System.nanoTime();
      Future.all(answers).await(30, TimeUnit.SECONDS);
      long tookMillis = (System.nanoTime() - released) / 1_000_000;
      clients.forEach(HttpClient::close);

      assertThat(answers).allSatisfy(answer -> {
        assertThat(answer.result().status()).isEqualTo(200);
        assertThat(answer.result().body().toJsonObject()).isEqualTo(user);
      });
      assertThat(nodeA.databaseReads() + nodeB.databaseReads())
        .as("users.get requests for 500 reads on two nodes (A %d, B %d)", nodeA.databaseReads(), nodeB.databaseReads())
        .isEqualTo(1);
      LOG.info("500 concurrent GET {} over two nodes: {} database read(s) (A {}, B {}); all answered {} ms after the query was let through",
        path, nodeA.databaseReads() + nodeB.databaseReads(), nodeA.databaseReads(), nodeB.databaseReads(), tookMillis);
    }
  }

  /** {@value #READS_PER_NODE} GETs to {@code node}, each on a connection of its own. */
  private static HttpClient send(UsersNode node, String path, List<Future<Void>> written, List<Future<Answer>> answers) {
    HttpClient client = node.vertx().createHttpClient(
      new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()),
      new PoolOptions().setHttp1MaxSize(READS_PER_NODE));
    for (int i = 0; i < READS_PER_NODE; i++) {
      Promise<Void> sent = Promise.promise();
      written.add(sent.future());
      answers.add(client.request(HttpMethod.GET, path)
        .onFailure(sent::tryFail)
        .compose(request -> {
          request.end().onComplete(sent);
          return request.response();
        })
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body))));
    }
    return client;
  }
}
