package dev.cachify.service.users.data;

import dev.cachify.service.users.UserFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository's internal event-bus contract ({@link UserRepositoryAddresses}) as any database must keep it. Each test
 * runs against a fresh table of its own, talking to a deployed {@link UserRepositoryVerticle}
 * over the event bus only. Subclasses say which database.
 */
abstract class UserRepositoryContract {

  /** Bound on every request: longer than any answer should take, shorter than the 30 s default. */
  private static final long ANSWER_MS = 10_000;
  private static final DeliveryOptions BOUNDED = new DeliveryOptions().setSendTimeout(ANSWER_MS);

  protected Vertx vertx;
  protected String table;
  private String deployment;

  /** The JDBC URL of the database under test. */
  protected abstract String databaseUrl();

  @BeforeEach
  void deployRepository() {
    vertx = Vertx.vertx();
    table = "users_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    deployment = await(vertx.deployVerticle(new UserRepositoryVerticle(options())));
  }

  @AfterEach
  void closeAndDropTable() throws SQLException {
    if (vertx != null) {
      await(vertx.close());
    }
    sql("DROP TABLE IF EXISTS " + table);
  }

  protected UserRepositoryOptions options() {
    return new UserRepositoryOptions().setDatabaseUrl(databaseUrl()).setTable(table);
  }

  // ---------------------------------------------------------------- the documented replies

  @Test
  void createAnswersTheUserWithAnAssignedId() {
    JsonObject user = request(UserRepositoryAddresses.CREATE, user("Ada Lovelace", "ada@example.com"));

    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "name", "email");
    assertThat(user.getLong("id")).isPositive();
    assertThat(user.getString("name")).isEqualTo("Ada Lovelace");
    assertThat(user.getString("email")).isEqualTo("ada@example.com");
  }

  @Test
  void getAnswersTheStoredUser() {
    JsonObject created = create("Grace Hopper", "grace@example.com");

    assertThat(request(UserRepositoryAddresses.GET, id(created.getLong("id")))).isEqualTo(created);
  }

  @Test
  void getOfAnUnknownIdIs404() {
    ReplyException failure = failure(UserRepositoryAddresses.GET, id(424242));

    assertThat(failure.failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(failure.getMessage()).contains("424242");
  }

  @Test
  void idsUpToLongMaxAreValidIds() {
    assertThat(failure(UserRepositoryAddresses.GET, id(Long.MAX_VALUE)).failureCode()).isEqualTo(UserFailures.NOT_FOUND);
  }

  @Test
  void updateAnswersTheUpdatedUserAndStoresIt() {
    long id = create("Alan", "alan@example.com").getLong("id");

    JsonObject updated = request(UserRepositoryAddresses.UPDATE, user("Alan Turing", "turing@example.com").put("id", id));

    JsonObject expected = new JsonObject().put("id", id).put("name", "Alan Turing").put("email", "turing@example.com");
    assertThat(updated).isEqualTo(expected);
    assertThat(request(UserRepositoryAddresses.GET, id(id))).isEqualTo(expected);
  }

  @Test
  void updateOfAnUnknownIdIs404AndCreatesNothing() {
    ReplyException failure = failure(UserRepositoryAddresses.UPDATE, user("Nobody", "nobody@example.com").put("id", 777));

    assertThat(failure.failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(failure.getMessage()).contains("777");
    assertThat(allUsers()).isEmpty();
  }

  @Test
  void deleteAnswersTheIdAndRemovesTheUser() {
    long id = create("Edsger", "edsger@example.com").getLong("id");
    long other = create("Barbara", "barbara@example.com").getLong("id");

    assertThat(request(UserRepositoryAddresses.DELETE, id(id))).isEqualTo(new JsonObject().put("id", id).put("deleted", true));
    assertThat(failure(UserRepositoryAddresses.GET, id(id)).failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(failure(UserRepositoryAddresses.DELETE, id(id)).failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(ids(allUsers())).containsExactly(other);
  }

  @Test
  void listPagesThroughUsersInIdOrder() {
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      created.add(create("User " + i, "user" + i + "@example.com").getLong("id"));
    }

    JsonObject firstPage = request(UserRepositoryAddresses.LIST, new JsonObject());
    assertThat(firstPage.getInteger("limit")).isEqualTo(20);
    assertThat(firstPage.getLong("offset")).isZero();
    assertThat(ids(firstPage.getJsonArray("users"))).containsExactlyElementsOf(created.subList(0, 20));
    assertThat(firstPage.getJsonArray("users").getJsonObject(0))
      .isEqualTo(new JsonObject().put("id", created.get(0)).put("name", "User 0").put("email", "user0@example.com"));

    JsonObject lastPage = request(UserRepositoryAddresses.LIST, new JsonObject().put("limit", 10).put("offset", 20));
    assertThat(lastPage.getInteger("limit")).isEqualTo(10);
    assertThat(lastPage.getLong("offset")).isEqualTo(20);
    assertThat(ids(lastPage.getJsonArray("users"))).containsExactlyElementsOf(created.subList(20, 25));

    assertThat(ids(request(UserRepositoryAddresses.LIST, new JsonObject().put("limit", 100)).getJsonArray("users")))
      .containsExactlyElementsOf(created);
    assertThat(request(UserRepositoryAddresses.LIST, new JsonObject().put("offset", 25)).getJsonArray("users")).isEmpty();
  }

  // ---------------------------------------------------------------- fencing

  @Test
  void aFencedUpdateLandsOnlyOverWritesWithLowerOrEqualFences() {
    long id = create("Ada", "ada@example.com").getLong("id");

    assertThat(request(UserRepositoryAddresses.UPDATE, user("Ada 10", "a10@example.com").put("id", id).put("fence", 10))
      .getString("name")).isEqualTo("Ada 10");
    ReplyException stale = failure(UserRepositoryAddresses.UPDATE, user("Ada 5", "a5@example.com").put("id", id).put("fence", 5));
    assertThat(stale.failureCode()).isEqualTo(UserFailures.STALE_FENCE);
    assertThat(stale).hasMessageContaining("update of user " + id + " refused");
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo("Ada 10");

    assertThat(request(UserRepositoryAddresses.UPDATE, user("Ada 10 again", "a10@example.com").put("id", id).put("fence", 10))
      .getString("name")).isEqualTo("Ada 10 again");
    assertThat(request(UserRepositoryAddresses.UPDATE, user("Ada 11", "a11@example.com").put("id", id).put("fence", 11))
      .getString("name")).isEqualTo("Ada 11");
    assertThat(failure(UserRepositoryAddresses.UPDATE, user("Nobody", "n@example.com").put("id", id + 1000).put("fence", 99))
      .failureCode()).isEqualTo(UserFailures.NOT_FOUND);
    assertThat(failure(UserRepositoryAddresses.UPDATE, user("Ada", "a@example.com").put("id", id).put("fence", "x"))
      .getMessage()).contains("fence must be a token a lock store issued");
  }

  /**
   * A fence no store could have issued (every store draws at least its clock in microseconds) is
   * refused before it lands: written, it would make the row refuse every later update for good.
   */
  @Test
  void aFenceNoStoreCouldHaveIssuedIsRefusedAndBlocksNothing() {
    long id = create("Ada", "ada@example.com").getLong("id");
    long nowMicros = System.currentTimeMillis() * 1_000;
    long twoDaysMicros = 2L * 24 * 3600 * 1_000_000;
    for (Object fence : List.of(0, -1, Long.MIN_VALUE, 9_000_000_000_000_000_000L, nowMicros + twoDaysMicros,
      BigInteger.TWO.pow(70), 1.5)) {
      ReplyException refused = failure(UserRepositoryAddresses.UPDATE,
        user("Made up " + fence, "m@example.com").put("id", id).put("fence", fence));
      assertThat(refused.failureCode()).as("fence %s", fence).isEqualTo(UserFailures.BAD_REQUEST);
      assertThat(refused).hasMessageContaining("fence must be a token a lock store issued");
    }
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo("Ada");
    // A store's token of now still lands: nothing was written by the refused ones.
    assertThat(request(UserRepositoryAddresses.UPDATE, user("Ada now", "a@example.com").put("id", id).put("fence", nowMicros))
      .getString("name")).isEqualTo("Ada now");
  }

  @Test
  void aTableFromBeforeFencingGetsItsFenceColumn() throws SQLException {
    await(vertx.close());
    vertx = null;
    sql("DROP TABLE IF EXISTS " + table);
    sql("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)");
    sql("INSERT INTO " + table + " (id, name, email) VALUES (1, 'Old', 'old@example.com')");
    vertx = Vertx.vertx();
    await(vertx.deployVerticle(new UserRepositoryVerticle(options())));

    assertThat(request(UserRepositoryAddresses.UPDATE, user("New", "new@example.com").put("id", 1).put("fence", 7))
      .getString("name")).isEqualTo("New");
    assertThat(failure(UserRepositoryAddresses.UPDATE, user("Stale", "s@example.com").put("id", 1).put("fence", 6))
      .failureCode()).isEqualTo(UserFailures.STALE_FENCE);
  }

  // ---------------------------------------------------------------- what is stored is what was sent

  @ParameterizedTest
  @ValueSource(strings = {"O'Brien \"quoted\"; DROP TABLE users;--", "Ærøskøbing", "李小龙", "🙂", "Robert'); DROP TABLE users_test;--"})
  void namesAreStoredAndAnsweredVerbatim(String name) {
    JsonObject created = create(name, "o'brien+tag@example.com");
    long id = created.getLong("id");

    assertThat(created.getString("name")).isEqualTo(name);
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo(name);
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("email")).isEqualTo("o'brien+tag@example.com");
    assertThat(allUsers().getJsonObject(0).getString("name")).isEqualTo(name);

    String renamed = name + " " + name;
    assertThat(request(UserRepositoryAddresses.UPDATE, user(renamed, "x@example.com").put("id", id)).getString("name")).isEqualTo(renamed);
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo(renamed);
  }

  @Test
  void aNameOfExactlyTheMaximumLengthInCodePointsIsAccepted() {
    String hundredEmoji = "🙂".repeat(100);

    assertThat(create(hundredEmoji, "smile@example.com").getString("name")).isEqualTo(hundredEmoji);
  }

  // ---------------------------------------------------------------- bad requests

  /** A request that must be answered 400 with a message naming {@code field}. */
  record BadRequest(String label, String address, LongFunction<Object> body, String field) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<BadRequest> badRequests() {
    String longName = "n".repeat(101);
    String longEmail = "e".repeat(250) + "@x.io";
    List<BadRequest> cases = new ArrayList<>();
    // users.create
    cases.add(bad("create: name blank", UserRepositoryAddresses.CREATE, id -> user("   ", "a@example.com"), "name"));
    cases.add(bad("create: name too long", UserRepositoryAddresses.CREATE, id -> user(longName, "a@example.com"), "name"));
    cases.add(bad("create: name a number", UserRepositoryAddresses.CREATE, id -> new JsonObject().put("name", 42).put("email", "a@example.com"), "name"));
    cases.add(bad("create: name missing", UserRepositoryAddresses.CREATE, id -> new JsonObject().put("email", "a@example.com"), "name"));
    cases.add(bad("create: name null", UserRepositoryAddresses.CREATE, id -> new JsonObject().putNull("name").put("email", "a@example.com"), "name"));
    cases.add(bad("create: email not an address", UserRepositoryAddresses.CREATE, id -> user("Ann", "not-an-email"), "email"));
    cases.add(bad("create: email with a space", UserRepositoryAddresses.CREATE, id -> user("Ann", "ann @example.com"), "email"));
    cases.add(bad("create: email too long", UserRepositoryAddresses.CREATE, id -> user("Ann", longEmail), "email"));
    cases.add(bad("create: email missing", UserRepositoryAddresses.CREATE, id -> new JsonObject().put("name", "Ann"), "email"));
    cases.add(bad("create: email a boolean", UserRepositoryAddresses.CREATE, id -> new JsonObject().put("name", "Ann").put("email", true), "email"));
    cases.add(bad("create: unknown field", UserRepositoryAddresses.CREATE, id -> user("Ann", "a@example.com").put("role", "admin"), "role"));
    cases.add(bad("create: an id", UserRepositoryAddresses.CREATE, id -> user("Ann", "a@example.com").put("id", 99), "id"));
    cases.add(bad("create: body a string", UserRepositoryAddresses.CREATE, id -> "{\"name\":\"Ann\"}", "JSON object"));
    cases.add(bad("create: body an array", UserRepositoryAddresses.CREATE, id -> new JsonArray().add("Ann"), "JSON object"));
    cases.add(bad("create: no body", UserRepositoryAddresses.CREATE, id -> null, "JSON object"));
    // users.update
    cases.add(bad("update: name blank", UserRepositoryAddresses.UPDATE, id -> user("", "a@example.com").put("id", id), "name"));
    cases.add(bad("update: name too long", UserRepositoryAddresses.UPDATE, id -> user(longName, "a@example.com").put("id", id), "name"));
    cases.add(bad("update: name an object", UserRepositoryAddresses.UPDATE, id -> new JsonObject().put("id", id).put("name", new JsonObject()).put("email", "a@example.com"), "name"));
    cases.add(bad("update: name missing", UserRepositoryAddresses.UPDATE, id -> new JsonObject().put("id", id).put("email", "a@example.com"), "name"));
    cases.add(bad("update: email not an address", UserRepositoryAddresses.UPDATE, id -> user("Ann", "ann@localhost").put("id", id), "email"));
    cases.add(bad("update: email missing", UserRepositoryAddresses.UPDATE, id -> new JsonObject().put("id", id).put("name", "Ann"), "email"));
    cases.add(bad("update: unknown field", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", id).put("admin", true), "admin"));
    cases.add(bad("update: id missing", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com"), "id"));
    cases.add(bad("update: id non-numeric", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", "abc"), "id"));
    cases.add(bad("update: id a numeric string", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", String.valueOf(id)), "id"));
    cases.add(bad("update: id 0", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", 0), "id"));
    cases.add(bad("update: id negative", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", -id), "id"));
    cases.add(bad("update: id a decimal", UserRepositoryAddresses.UPDATE, id -> user("Ann", "a@example.com").put("id", id + 0.5), "id"));
    // users.get and users.delete
    for (String address : List.of(UserRepositoryAddresses.GET, UserRepositoryAddresses.DELETE)) {
      String op = address.substring(address.lastIndexOf(".") + 1);
      cases.add(bad(op + ": id missing", address, id -> new JsonObject(), "id"));
      cases.add(bad(op + ": id null", address, id -> new JsonObject().putNull("id"), "id"));
      cases.add(bad(op + ": id non-numeric", address, id -> new JsonObject().put("id", "abc"), "id"));
      cases.add(bad(op + ": id a numeric string", address, id -> new JsonObject().put("id", String.valueOf(id)), "id"));
      cases.add(bad(op + ": id 0", address, id -> new JsonObject().put("id", 0), "id"));
      cases.add(bad(op + ": id negative", address, id -> new JsonObject().put("id", -1), "id"));
      cases.add(bad(op + ": id a decimal", address, id -> new JsonObject().put("id", 1.0), "id"));
      cases.add(bad(op + ": id past Long.MAX", address,
        id -> new JsonObject().put("id", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)), "id"));
      cases.add(bad(op + ": unknown field", address, id -> new JsonObject().put("id", id).put("force", true), "force"));
      cases.add(bad(op + ": body a number", address, id -> id, "JSON object"));
    }
    // users.list
    cases.add(bad("list: limit 0", UserRepositoryAddresses.LIST, id -> new JsonObject().put("limit", 0), "limit"));
    cases.add(bad("list: limit 101", UserRepositoryAddresses.LIST, id -> new JsonObject().put("limit", 101), "limit"));
    cases.add(bad("list: limit a string", UserRepositoryAddresses.LIST, id -> new JsonObject().put("limit", "10"), "limit"));
    cases.add(bad("list: offset -1", UserRepositoryAddresses.LIST, id -> new JsonObject().put("offset", -1), "offset"));
    cases.add(bad("list: offset a decimal", UserRepositoryAddresses.LIST, id -> new JsonObject().put("offset", 0.5), "offset"));
    cases.add(bad("list: unknown field", UserRepositoryAddresses.LIST, id -> new JsonObject().put("sort", "name"), "sort"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestsAre400NamingTheFieldAndChangeNothing(BadRequest bad) {
    long id = create("Existing", "existing@example.com").getLong("id");
    JsonArray before = allUsers();

    ReplyException failure = failure(bad.address(), bad.body().apply(id));

    assertThat(failure.failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(failure.getMessage()).contains(bad.field());
    assertThat(allUsers()).isEqualTo(before);
  }

  @Test
  void everyProblemOfARequestIsNamed() {
    ReplyException failure = failure(UserRepositoryAddresses.CREATE, new JsonObject().put("name", " ").put("email", "x").put("role", 1).put("team", 2));

    assertThat(failure.failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(failure.getMessage()).isEqualTo(
      "name must not be blank; email must be an e-mail address; unknown fields: role, team");
  }

  // ---------------------------------------------------------------- failures of the database

  @Test
  void aStatementTheDatabaseRefusesIs500() throws SQLException {
    long id = create("Doomed", "doomed@example.com").getLong("id");
    sql("DROP TABLE " + table);

    ReplyException failure = failure(UserRepositoryAddresses.GET, id(id));

    assertThat(failure.failureCode()).isEqualTo(UserFailures.DATABASE_ERROR);
    assertThat(failure.getMessage()).startsWith("database error: ");
  }

  // ---------------------------------------------------------------- the simulated delay

  @Test
  void withASimulatedDelayAReadStartedBeforeAnUpdateAnswersTheRowItRead() {
    long delay = 300;
    redeploy(options().setSimulatedDelayMs(delay));
    long id = create("Before", "before@example.com").getLong("id");

    long start = System.nanoTime();
    Future<JsonObject> read = requestAsync(UserRepositoryAddresses.GET, id(id));
    Future<JsonObject> update = requestAsync(UserRepositoryAddresses.UPDATE, user("After", "after@example.com").put("id", id));
    JsonObject readUser = await(read);
    long readMs = elapsedMs(start);
    JsonObject updatedUser = await(update);
    long updateMs = elapsedMs(start);

    assertThat(readUser.getString("name")).as("the read ran its SELECT before the update wrote").isEqualTo("Before");
    assertThat(readMs).as("the read answers after the delay").isGreaterThanOrEqualTo(delay);
    assertThat(updatedUser.getString("name")).isEqualTo("After");
    assertThat(updateMs).as("the update waits the delay before writing").isGreaterThanOrEqualTo(delay);
    assertThat(request(UserRepositoryAddresses.GET, id(id)).getString("name")).isEqualTo("After");
  }

  @Test
  void withASimulatedDelayBadRequestsAndOtherOperationsAreNotDelayed() {
    long delay = 2_000;
    redeploy(options().setSimulatedDelayMs(delay));

    long start = System.nanoTime();
    long id = create("Quick", "quick@example.com").getLong("id");
    assertThat(failure(UserRepositoryAddresses.UPDATE, user("", "quick@example.com").put("id", id)).failureCode())
      .isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(failure(UserRepositoryAddresses.GET, id(0)).failureCode()).isEqualTo(UserFailures.BAD_REQUEST);
    assertThat(allUsers()).hasSize(1);
    request(UserRepositoryAddresses.DELETE, id(id));

    assertThat(elapsedMs(start)).isLessThan(delay);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentCreatesAllSucceedWithDistinctIds() {
    int count = 50;
    List<Future<JsonObject>> creates = IntStream.range(0, count)
      .mapToObj(i -> requestAsync(UserRepositoryAddresses.CREATE, user("Parallel " + i, "p" + i + "@example.com")))
      .toList();
    List<JsonObject> users = creates.stream().map(UserRepositoryContract::await).toList();

    assertThat(users.stream().map(u -> u.getLong("id")).distinct()).hasSize(count);
    assertThat(users.stream().map(u -> u.getString("name")))
      .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "Parallel " + i).toList());
    assertThat(request(UserRepositoryAddresses.LIST, new JsonObject().put("limit", 100)).getJsonArray("users")).hasSize(count);
  }

  // ---------------------------------------------------------------- helpers

  protected void redeploy(UserRepositoryOptions options) {
    await(vertx.undeploy(deployment));
    deployment = await(vertx.deployVerticle(new UserRepositoryVerticle(options)));
  }

  protected JsonObject create(String name, String email) {
    return request(UserRepositoryAddresses.CREATE, user(name, email));
  }

  protected JsonArray allUsers() {
    return request(UserRepositoryAddresses.LIST, new JsonObject().put("limit", 100)).getJsonArray("users");
  }

  protected Future<JsonObject> requestAsync(String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body, BOUNDED).map(Message::body);
  }

  protected JsonObject request(String address, Object body) {
    return await(requestAsync(address, body));
  }

  /** The failure of a request the repository answered; a send timeout fails the test. */
  protected ReplyException failure(String address, Object body) {
    Future<JsonObject> reply = requestAsync(address, body);
    Throwable failure = failureOf(reply);
    assertThat(failure).isInstanceOf(ReplyException.class);
    ReplyException replyFailure = (ReplyException) failure;
    assertThat(replyFailure.failureType()).as("answered, not timed out: %s", failure.getMessage())
      .isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    return replyFailure;
  }

  /** Runs {@code statement} on the database under test, beside the repository. */
  protected void sql(String statement) throws SQLException {
    try (Connection connection = DriverManager.getConnection(databaseUrl());
         Statement jdbc = connection.createStatement()) {
      jdbc.execute(statement);
    }
  }

  static JsonObject user(String name, String email) {
    return new JsonObject().put("name", name).put("email", email);
  }

  static JsonObject id(long id) {
    return new JsonObject().put("id", id);
  }

  static List<Long> ids(JsonArray users) {
    return users.stream().map(u -> ((JsonObject) u).getLong("id")).toList();
  }

  static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static BadRequest bad(String label, String address, LongFunction<Object> body, String field) {
    return new BadRequest(label, address, body, field);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(ANSWER_MS + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  static Throwable failureOf(Future<?> future) {
    assertThatThrownBy(() -> future.toCompletionStage().toCompletableFuture().get(ANSWER_MS + 5_000, TimeUnit.MILLISECONDS))
      .isInstanceOf(ExecutionException.class);
    return future.cause();
  }
}
