package dev.cachify.service.users.bus;

import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.service.users.UserAddresses;
import dev.cachify.service.users.UserFailures;
import dev.cachify.service.users.UsersHttpTest;
import dev.cachify.service.users.UsersSetups;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public users contract on the event bus ({@code users.*} and the typed client) keeps the HTTP
 * API's guarantees: the cached read, the once-guarded update (226 {@code update in progress}), the
 * reset after an update or a delete, and no caller-chosen fence. A users node on SQLite and the
 * Redis store; requests sent from the node's own event bus, as a clustered service sends them.
 */
@ExtendWith(RedisServerExtension.class)
class UsersBusTest extends UsersHttpTest {

  /** Longer than any answer should take, shorter than the bus's 30 s default: a timeout fails the test. */
  private static final DeliveryOptions BOUNDED = new DeliveryOptions().setSendTimeout(10_000);

  @Override
  protected JsonObject nodeConfig() {
    return UsersSetups.sqlite().mergeIn(UsersSetups.redisStore());
  }

  @Test
  void concurrentBusUpdatesOfOneUserLetOneThroughAndTheRest226() throws Exception {
    long id = createUser("Before", "before@example.com");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Before"); // cached now
    int writes = node.requestsTo(UserRepositoryAddresses.UPDATE);
    // The winner's write waits at the repository's door until the other five have their answer.
    Runnable release = node.hold(UserRepositoryAddresses.UPDATE);
    List<Future<Message<JsonObject>>> updates = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        updates.add(requestAsync(UserAddresses.UPDATE, new JsonObject().put("id", id)
          .put("name", "Writer " + i).put("email", "w" + i + "@example.com")));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> updates.stream().filter(Future::isComplete).count() == 5);
    } finally {
      release.run();
    }
    Future.join(updates).otherwiseEmpty().await(20, TimeUnit.SECONDS);
    List<JsonObject> ok = updates.stream().filter(Future::succeeded).map(f -> f.result().body()).toList();
    List<ReplyException> busy = updates.stream().filter(Future::failed).map(f -> (ReplyException) f.cause()).toList();
    assertThat(ok).hasSize(1);
    assertThat(busy).hasSize(5).allSatisfy(failure -> {
      assertThat(failure.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
      assertThat(failure.failureCode()).isEqualTo(UserFailures.IN_PROGRESS).isEqualTo(226);
      assertThat(failure).hasMessage("update in progress");
    });
    assertThat(node.requestsTo(UserRepositoryAddresses.UPDATE) - writes).as("one update reached the database").isEqualTo(1);
    assertThat(get("/users/" + id).bodyAsJsonObject()).as("the update reset the cached read")
      .isEqualTo(ok.get(0));
  }

  @Test
  void aBusUpdateResetsWhatHttpAnswers() {
    long id = createUser("Old", "old@example.com");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Old");
    JsonObject updated = request(UserAddresses.UPDATE, new JsonObject().put("id", id).put("name", "New")
      .put("email", "new@example.com"));
    assertThat(updated).isEqualTo(new JsonObject().put("id", id).put("name", "New").put("email", "new@example.com"));
    assertThat(get("/users/" + id).bodyAsJsonObject()).isEqualTo(updated);
  }

  @Test
  void aBusDeleteResetsWhatHttpAnswers() {
    long id = createUser("Gone", "gone@example.com");
    assertThat(get("/users/" + id).statusCode()).isEqualTo(200);
    assertThat(request(UserAddresses.DELETE, new JsonObject().put("id", id)))
      .isEqualTo(new JsonObject().put("id", id).put("deleted", true));
    assertError(get("/users/" + id), 404);
    ReplyException again = failure(UserAddresses.DELETE, new JsonObject().put("id", id));
    assertThat(again.failureCode()).isEqualTo(UserFailures.NOT_FOUND);
  }

  @Test
  void theBusReadIsTheCachedRead() {
    long id = createUser("Cached", "cached@example.com");
    int reads = node.databaseReads();
    JsonObject first = request(UserAddresses.GET, new JsonObject().put("id", id));
    JsonObject second = request(UserAddresses.GET, new JsonObject().put("id", id));
    assertThat(first).isEqualTo(second).isEqualTo(get("/users/" + id).bodyAsJsonObject());
    assertThat(node.databaseReads() - reads).as("one database read for three reads").isEqualTo(1);
    assertThat(failure(UserAddresses.GET, new JsonObject().put("id", 987_654_321L)).failureCode())
      .isEqualTo(UserFailures.NOT_FOUND);
  }

  @Test
  void aCallerChosenFenceIsRefusedAndHttpUpdatesKeepWorking() {
    long id = createUser("Fenced", "fenced@example.com");
    ReplyException refused = failure(UserAddresses.UPDATE, new JsonObject().put("id", id).put("name", "Blocker")
      .put("email", "b@example.com").put("fence", 9_000_000_000_000_000_000L));
    assertThat(refused.failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(refused).hasMessageContaining("unknown field: fence");
    assertThat(put("/users/" + id, user("After", "after@example.com")).statusCode()).isEqualTo(200);
    assertThat(put("/users/" + id, user("After again", "after@example.com")).statusCode()).isEqualTo(200);
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("After again");
  }

  @Test
  void createAndListOverTheBus() {
    JsonObject created = request(UserAddresses.CREATE, user("Listed", "listed@example.com"));
    long id = created.getLong("id");
    assertThat(get("/users/" + id).bodyAsJsonObject()).isEqualTo(created);
    JsonObject page = request(UserAddresses.LIST, new JsonObject().put("limit", 100));
    assertThat(page.getInteger("limit")).isEqualTo(100);
    assertThat(page.getLong("offset")).isZero();
    assertThat(page.getJsonArray("users")).contains(created);
  }

  static Stream<Arguments> badMessages() {
    JsonObject valid = new JsonObject().put("id", 1).put("name", "Ann").put("email", "ann@example.com");
    String huge = "x".repeat(1 << 20);
    return Stream.of(
      Arguments.of(UserAddresses.UPDATE, "not an object", "Ann", "JSON object"),
      Arguments.of(UserAddresses.UPDATE, "no body", null, "JSON object"),
      Arguments.of(UserAddresses.UPDATE, "an array", new JsonArray().add(1), "JSON object"),
      Arguments.of(UserAddresses.UPDATE, "id missing", valid.copy().put("id", null), "id is required"),
      Arguments.of(UserAddresses.UPDATE, "id a string", valid.copy().put("id", "1"), "id must be an integer"),
      Arguments.of(UserAddresses.UPDATE, "id a decimal", valid.copy().put("id", 1.5), "id must be an integer"),
      Arguments.of(UserAddresses.UPDATE, "id past Long.MAX", valid.copy().put("id",
        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)), "id must be at most"),
      Arguments.of(UserAddresses.UPDATE, "id 0", valid.copy().put("id", 0), "id must be at least 1"),
      Arguments.of(UserAddresses.UPDATE, "name a number", valid.copy().put("name", 7), "name must be a string"),
      Arguments.of(UserAddresses.UPDATE, "name huge", valid.copy().put("name", huge), "name must be at most 100"),
      Arguments.of(UserAddresses.UPDATE, "email missing", valid.copy().put("email", null), "email is required"),
      Arguments.of(UserAddresses.UPDATE, "unknown field", valid.copy().put("role", "admin"), "unknown field: role"),
      Arguments.of(UserAddresses.UPDATE, "a fence", valid.copy().put("fence", 1), "unknown field: fence"),
      Arguments.of(UserAddresses.CREATE, "an id", valid.copy(), "unknown field: id"),
      Arguments.of(UserAddresses.CREATE, "email not one", new JsonObject().put("name", "A").put("email", "nope"),
        "email must be an e-mail address"),
      Arguments.of(UserAddresses.GET, "id an object", new JsonObject().put("id", new JsonObject()), "id must be an integer"),
      Arguments.of(UserAddresses.DELETE, "extra field", new JsonObject().put("id", 1).put("force", true),
        "unknown field: force"),
      Arguments.of(UserAddresses.LIST, "limit 0", new JsonObject().put("limit", 0), "limit must be an integer from 1"),
      Arguments.of(UserAddresses.LIST, "offset a string", new JsonObject().put("offset", "0"), "offset must be an integer"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badMessages")
  void badMessagesGet400NamingTheProblemAndChangeNothing(String address, String what, Object body, String problem) {
    long id = createUser("Untouched", "untouched@example.com");
    // id 1 stands for the user just created; other ids are the case's own.
    Object aimed = body instanceof JsonObject json && Integer.valueOf(1).equals(json.getValue("id"))
      ? json.copy().put("id", id) : body;
    int writes = node.requestsTo(UserRepositoryAddresses.UPDATE) + node.requestsTo(UserRepositoryAddresses.CREATE)
      + node.requestsTo(UserRepositoryAddresses.DELETE);
    ReplyException failure = failure(address, aimed);
    assertThat(failure.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(failure.failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(failure).hasMessageContaining(problem);
    assertThat(node.requestsTo(UserRepositoryAddresses.UPDATE) + node.requestsTo(UserRepositoryAddresses.CREATE)
      + node.requestsTo(UserRepositoryAddresses.DELETE)).as("nothing reached the database").isEqualTo(writes);
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Untouched");
  }

  @Test
  void theTypedClientGivesTheSameAnswers() throws Exception {
    UserBusService users = UserBusService.createProxy(node.vertx(), BOUNDED);
    var created = users.create("Typed", "typed@example.com").await(10, TimeUnit.SECONDS);
    assertThat(users.get(created.id()).await(10, TimeUnit.SECONDS)).isEqualTo(created);
    assertThat(get("/users/" + created.id()).bodyAsJsonObject()).isEqualTo(created.toJson());

    Runnable release = node.hold(UserRepositoryAddresses.UPDATE);
    Future<?> first;
    ReplyException busy;
    try {
      int updates = node.requestsTo(UserRepositoryAddresses.UPDATE);
      first = users.update(created.id(), "Typed 1", "t1@example.com");
      await().atMost(Duration.ofSeconds(10)).until(() -> node.requestsTo(UserRepositoryAddresses.UPDATE) > updates);
      busy = serviceFailure(users.update(created.id(), "Typed 2", "t2@example.com"));
    } finally {
      release.run();
    }
    assertThat(busy).isInstanceOf(ServiceException.class);
    assertThat(busy.failureCode()).isEqualTo(226);
    assertThat(busy).hasMessage("update in progress");
    assertThat(first.await(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(get("/users/" + created.id()).bodyAsJsonObject().getString("name")).isEqualTo("Typed 1");

    UserPage page = users.list(100, null).await(10, TimeUnit.SECONDS);
    assertThat(page.getLimit()).isEqualTo(100);
    assertThat(page.getUsers()).extracting(u -> u.id()).contains(created.id());
    assertThat(serviceFailure(users.list(0, 0L)).failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(serviceFailure(users.update(created.id(), "", "x@example.com"))).hasMessageContaining("name must not be blank");

    users.delete(created.id()).await(10, TimeUnit.SECONDS);
    assertThat(serviceFailure(users.get(created.id())).failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(serviceFailure(users.delete(created.id())).failureCode()).isEqualTo(UserFailures.NOT_FOUND);
  }

  @Test
  void theReadmesTypedClientExampleUpdatesOrReadsWhatIsThere() throws Exception {
    Vertx vertx = node.vertx();
    long id = createUser("Ada", "ada@example.com");
    // readme:begin users-typed-client
    UserBusService users = UserBusService.createProxy(vertx);
    users.update(id, "Ada L", "ada@example.com")
        .recover(failure -> failure instanceof ReplyException busy && busy.failureCode() == 226
            ? users.get(id)                      // another update of this user runs: read what is there
            : Future.failedFuture(failure))
        .onSuccess(user -> System.out.println(user.name()));
    // readme:end
    await().atMost(Duration.ofSeconds(10)).until(() -> "Ada L".equals(get("/users/" + id).bodyAsJsonObject().getString("name")));
  }

  /** What a bridge client could send to the typed service: every bad message is 400, never a cast error. */
  @Test
  void badTypedServiceMessagesGet400() {
    long id = createUser("Proxy target", "p@example.com");
    List<Object[]> cases = List.of(
      new Object[] {"update", new JsonObject().put("id", "1").put("name", "A").put("email", "a@example.com"), "id must be an integer"},
      new Object[] {"update", new JsonObject().put("id", id + 0.5).put("name", "A").put("email", "a@example.com"), "id must be an integer"},
      new Object[] {"update", new JsonObject().put("id", id).put("name", 1).put("email", "a@example.com"), "name must be a string"},
      new Object[] {"update", new JsonObject().put("id", id).put("name", "A").put("email", "a@example.com").put("fence", 5), "unknown field: fence"},
      new Object[] {"get", new JsonObject().put("id", BigInteger.TWO.pow(64)), "id must be at most"},
      new Object[] {"list", new JsonObject().put("limit", 1L << 40), "limit must be an integer from 1"},
      new Object[] {"list", new JsonObject().put("limit", 5).put("offset", true), "offset must be an integer"},
      new Object[] {"drop", new JsonObject(), "unknown action 'drop'"},
      new Object[] {null, new JsonObject(), "unknown action 'null'"});
    for (Object[] c : cases) {
      DeliveryOptions options = new DeliveryOptions(BOUNDED);
      if (c[0] != null) {
        options.addHeader("action", (String) c[0]);
      }
      ReplyException failure = failure(UserAddresses.SERVICE, c[1], options);
      assertThat(failure.failureCode()).as("%s %s", c[0], c[1]).isEqualTo(UserFailures.BAD_REQUEST);
      assertThat(failure).as("%s %s", c[0], c[1]).hasMessageContaining((String) c[2]);
    }
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Proxy target");
  }

  // ---- helpers ----

  private Future<Message<JsonObject>> requestAsync(String address, Object body) {
    return node.vertx().eventBus().request(address, body, BOUNDED);
  }

  private JsonObject request(String address, Object body) {
    try {
      return requestAsync(address, body).await(15, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new AssertionError(address + " failed: " + e, e);
    }
  }

  private ReplyException failure(String address, Object body) {
    return failure(address, body, BOUNDED);
  }

  private ReplyException failure(String address, Object body, DeliveryOptions options) {
    Future<Message<Object>> answer = node.vertx().eventBus().request(address, body, options);
    try {
      answer.otherwiseEmpty().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(answer.failed()).as("%s %s should fail", address, body).isTrue();
    return (ReplyException) answer.cause();
  }

  /** The typed client's failure: a ServiceException from the service, a ReplyException from the message check. */
  private static ReplyException serviceFailure(Future<?> call) {
    try {
      call.otherwiseEmpty().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(call.failed()).as("the call should fail").isTrue();
    assertThat(call.cause()).isInstanceOf(ReplyException.class);
    return (ReplyException) call.cause();
  }
}
