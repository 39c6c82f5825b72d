package dev.cachify.service.users.data;

import dev.cachify.service.users.UserFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.cachify.service.users.data.UserRepositoryContract.await;
import static dev.cachify.service.users.data.UserRepositoryContract.elapsedMs;
import static dev.cachify.service.users.data.UserRepositoryContract.failureOf;
import static dev.cachify.service.users.data.UserRepositoryContract.id;
import static dev.cachify.service.users.data.UserRepositoryContract.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that is not there: deploying against it fails at once with a clear message; losing
 * it after the start answers 503 at once (not a send timeout), and finding it again heals.
 */
class UserRepositoryUnreachableTest {

  private static final DeliveryOptions BOUNDED = new DeliveryOptions().setSendTimeout(10_000);

  private Vertx vertx;
  private String table;
  private boolean tableOnPostgres;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
    table = "users_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @AfterEach
  void closeVertxAndDropTable() throws SQLException {
    await(vertx.close());
    if (tableOnPostgres) {
      try (Connection connection = DriverManager.getConnection(PostgresDatabase.URL);
           Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  @Test
  void deployingAgainstAClosedPortFailsAtOnceNamingTheDatabaseWithoutItsPassword() {
    int closedPort = closedPort();
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres&password=s3cret";

    long start = System.nanoTime();
    Throwable failure = failureOf(vertx.deployVerticle(new UserRepositoryVerticle(
      new UserRepositoryOptions().setDatabaseUrl(url).setTable(table))));

    assertThat(elapsedMs(start)).isLessThan(5_000);
    assertThat(failure.getMessage())
      .contains("users repository cannot use table " + table)
      .contains("127.0.0.1:" + closedPort)
      .contains("password=***")
      .doesNotContain("s3cret");
    assertThat(vertx.deploymentIDs()).isEmpty();
    ReplyException nobody = (ReplyException) failureOf(vertx.eventBus().request(UserRepositoryAddresses.GET, id(1), BOUNDED));
    assertThat(nobody.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
  }

  @Test
  void deployingAgainstASqliteFileThatCannotBeOpenedFails(@TempDir Path folder) {
    String url = "jdbc:sqlite:" + folder.resolve("no-such-folder").resolve("users.db");

    Throwable failure = failureOf(vertx.deployVerticle(new UserRepositoryVerticle(
      new UserRepositoryOptions().setDatabaseUrl(url).setTable(table))));

    assertThat(failure.getMessage()).contains("users repository cannot use table " + table).contains("no-such-folder");
  }

  @Test
  void aDatabaseLostAfterTheStartAnswers503AtOnceAndIsFoundAgain() {
    PostgresDatabase.assumeReachable();
    TcpProxy proxy = new TcpProxy(vertx, PostgresDatabase.HOST, PostgresDatabase.PORT);
    int port = await(proxy.start(0));
    tableOnPostgres = true;
    await(vertx.deployVerticle(new UserRepositoryVerticle(new UserRepositoryOptions()
      .setDatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/test?user=postgres").setTable(table))));
    long id = request(UserRepositoryAddresses.CREATE, user("Kept", "kept@example.com")).getLong("id");
    // Fill the pool, so the loss hits open connections as well as new ones.
    await(Future.all(IntStream.range(0, 8).mapToObj(i -> requestAsync(UserRepositoryAddresses.GET, id(id))).toList()));

    await(proxy.stop());

    for (int attempt = 0; attempt < 6; attempt++) {
      long start = System.nanoTime();
      ReplyException failure = (ReplyException) failureOf(requestAsync(UserRepositoryAddresses.GET, id(id)));
      assertThat(failure.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
      assertThat(failure.failureCode()).as(failure.getMessage()).isEqualTo(UserFailures.UNAVAILABLE);
      assertThat(failure.getMessage()).startsWith("database unavailable: ");
      assertThat(elapsedMs(start)).isLessThan(3_000);
    }
    ReplyException lostCreate = (ReplyException) failureOf(requestAsync(UserRepositoryAddresses.CREATE, user("Lost", "lost@example.com")));
    assertThat(lostCreate.failureCode()).isEqualTo(UserFailures.UNAVAILABLE);

    await(proxy.restart());

    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
      assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo("Kept"));
    assertThat(request(UserRepositoryAddresses.LIST, new JsonObject()).getJsonArray("users")).hasSize(1);
  }

  private Future<JsonObject> requestAsync(String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body, BOUNDED).map(Message::body);
  }

  private JsonObject request(String address, Object body) {
    return await(requestAsync(address, body));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
