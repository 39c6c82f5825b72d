package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.contract.Await;
import dev.cachify.testsupport.PrivateRedis;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis outage under load: GETs of existing users and PUTs run against a node while its Redis
 * (a server of this class's own) is stopped and started again. Reads keep answering (through the
 * database), changes answer 503 and change nothing, and changes work again soon after Redis is back.
 */
@DisplayName("Users API: a Redis outage under load (SQLite + Redis store)")
class SqliteRedisOutageTest extends UsersHttpTest {

  private static final String STORE_DOWN = "the cache store is not available";
  /** Each worker waits this long between two requests: about 650 requests/s in all, not a flood. */
  private static final long PACE_MILLIS = 15;
  private static final Duration LOAD_LIMIT = Duration.ofSeconds(60);

  private PrivateRedis redis;

  @Override
  protected JsonObject nodeConfig() {
    redis = PrivateRedis.launch();
    return UsersSetups.sqlite().mergeIn(UsersSetups.redisStore(redis));
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  /** One request of the load: what was sent, when, and what came back. */
  private record Outcome(String method, long id, String sentName, long seq, long startNanos, long endNanos,
                         int status, String body) {

    boolean within(long fromNanos, long toNanos) {
      return startNanos >= fromNanos && endNanos <= toNanos;
    }
  }

  @Test
  void readsSurviveChangesAnswer503AndChangesComeBackQuickly() {
    // Users only read (their bodies never change), users only written (one writer each, so their
    // PUTs are in order), users deleted during the outage.
    Map<Long, JsonObject> readUsers = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      long id = createUser("Reader " + i, "reader" + i + "@example.com");
      readUsers.put(id, new JsonObject().put("id", id).put("name", "Reader " + i).put("email", "reader" + i + "@example.com"));
    }
    List<Long> writeUsers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writeUsers.add(createUser("Writer " + i, "writer" + i + "@example.com"));
    }
    List<Long> deleteUsers = List.of(createUser("Doomed 0", "d0@example.com"), createUser("Doomed 1", "d1@example.com"));
    readUsers.keySet().forEach(id -> assertThat(get("/users/" + id).statusCode()).isEqualTo(200)); // cached

    Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    Load load = new Load(outcomes);
    List<Long> readIds = List.copyOf(readUsers.keySet());
    for (int worker = 0; worker < 6; worker++) {
      AtomicInteger next = new AtomicInteger(worker);
      load.worker(seq -> request("GET", readIds.get(next.getAndIncrement() % readIds.size()), null, seq));
    }
    for (long id : writeUsers) {
      load.worker(seq -> request("PUT", id, "W" + id + "-" + seq, seq));
    }

    // Before: the cache answers, updates commit.
    await("load under way").atMost(Duration.ofSeconds(20))
      .until(() -> count(outcomes, o -> o.method.equals("GET")) >= 100 && count(outcomes, o -> o.method.equals("PUT")) >= 20);

    long stopCalled = System.nanoTime();
    redis.stop();
    long stopped = System.nanoTime(); // the port refuses connections from here on
    int databaseReadsAtStop = node.databaseReads();
    List<Future<Outcome>> outageDeletes = new ArrayList<>();
    for (long id : deleteUsers) {
      outageDeletes.add(request("DELETE", id, null, -1));
    }
    await("an outage under load").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
      .until(() -> System.nanoTime() - stopped >= TimeUnit.MILLISECONDS.toNanos(1_500)
        && count(outcomes, o -> o.method.equals("GET") && o.startNanos >= stopped) >= 100
        && count(outcomes, o -> o.method.equals("PUT") && o.startNanos >= stopped) >= 20);
    List<Outcome> deletes = outageDeletes.stream().map(Await::await).toList();

    // The database during the outage: each written user as its last committed PUT left it.
    Map<Long, String> rowsDuringOutage = new LinkedHashMap<>();
    for (long id : writeUsers) {
      rowsDuringOutage.put(id, row(id).getString("name"));
    }
    deleteUsers.forEach(id -> assertThat(row(id).getLong("id")).as("user %d not deleted", id).isEqualTo(id));
    int databaseReadsInOutage = node.databaseReads() - databaseReadsAtStop;

    long startCalled = System.nanoTime();
    redis.start(); // returns once it answers PING: it accepts connections
    long accepting = System.nanoTime();
    await("a PUT succeeds after the restart").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
      .until(() -> firstSuccessfulPut(outcomes, startCalled).isPresent());
    long firstPutAt = firstSuccessfulPut(outcomes, startCalled).orElseThrow().endNanos;
    await("load after the restart").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
      .until(() -> System.nanoTime() - firstPutAt >= TimeUnit.MILLISECONDS.toNanos(1_000));
    Await.await(load.stop());

    // ---- what every request got ----
    List<Outcome> all = List.copyOf(outcomes);
    List<Outcome> gets = all.stream().filter(o -> o.method.equals("GET")).toList();
    List<Outcome> puts = all.stream().filter(o -> o.method.equals("PUT")).toList();
    gets.forEach(o -> {
      assertThat(o.status).as("GET %d during the run: %s", o.id, o.body).isEqualTo(200);
      assertThat(new JsonObject(o.body)).isEqualTo(readUsers.get(o.id));
    });
    puts.forEach(o -> assertThat(o.status).as("PUT %d: %s", o.id, o.body).isIn(200, 503));
    puts.stream().filter(o -> o.status == 200).forEach(o ->
      assertThat(new JsonObject(o.body).getString("name")).isEqualTo(o.sentName));

    List<Outcome> outageGets = gets.stream().filter(o -> o.within(stopped, startCalled)).toList();
    List<Outcome> outagePuts = puts.stream().filter(o -> o.within(stopped, startCalled)).toList();
    assertThat(outageGets).hasSizeGreaterThanOrEqualTo(100);
    assertThat(outagePuts).hasSizeGreaterThanOrEqualTo(20).allSatisfy(o -> {
      assertThat(o.status).as("PUT during the outage").isEqualTo(503);
      assertThat(new JsonObject(o.body).getString("error")).isEqualTo(STORE_DOWN);
    });
    assertThat(deletes).allSatisfy(o -> {
      assertThat(o.status).as("DELETE during the outage: %s", o.body).isEqualTo(503);
      assertThat(new JsonObject(o.body).getString("error")).isEqualTo(STORE_DOWN);
    });
    // Nothing a refused PUT sent reached the database: each row is its user's last committed PUT.
    for (long id : writeUsers) {
      assertThat(rowsDuringOutage.get(id)).as("user %d during the outage", id)
        .isEqualTo(lastCommittedName(puts, id, stopped).orElse(null));
    }

    long firstPutMillis = TimeUnit.NANOSECONDS.toMillis(firstPutAt - accepting);
    System.out.printf("Redis outage under load: outage %d ms (stop called to Redis accepting again: %d ms);"
        + " %d GETs during it, all 200, served by the fallback (%d database reads); %d PUTs and %d DELETEs"
        + " during it, all 503; first successful PUT %d ms after Redis accepted connections (%d ms after the"
        + " restart began); %d requests in all (%d GETs, %d PUTs)%n",
      TimeUnit.NANOSECONDS.toMillis(accepting - stopped), TimeUnit.NANOSECONDS.toMillis(accepting - stopCalled),
      outageGets.size(), databaseReadsInOutage, outagePuts.size(), deletes.size(), firstPutMillis,
      TimeUnit.NANOSECONDS.toMillis(firstPutAt - startCalled), all.size(), gets.size(), puts.size());
    assertThat(firstPutMillis).as("ms from Redis accepting connections to the first successful PUT")
      .isLessThanOrEqualTo(2_000);

    // After: rows are the last committed PUTs, and deletes work (and reset the read) again.
    for (long id : writeUsers) {
      assertThat(row(id).getString("name")).isEqualTo(lastCommittedName(puts, id, Long.MAX_VALUE).orElseThrow());
    }
    assertThat(send("DELETE", "/users/" + deleteUsers.get(0), null).statusCode()).isEqualTo(204);
    assertError(get("/users/" + deleteUsers.get(0)), 404);
    assertThat(get("/users/" + deleteUsers.get(1)).bodyAsJsonObject().getString("name")).isEqualTo("Doomed 1");
  }

  @Test
  void aChangeThatCommitsAsRedisDiesSaysItCommitted() {
    // The update reaches the repository (its once guard taken), then Redis dies before the reset.
    long id = createUser("Racer", "racer@example.com");
    int updates = node.requestsTo(UserRepositoryAddresses.UPDATE);
    Runnable releaseUpdate = node.hold(UserRepositoryAddresses.UPDATE);
    Future<HttpResponse<Buffer>> put = sendAsync("PUT", "/users/" + id,
      new JsonObject().put("name", "Racer 2").put("email", "racer@example.com").encode());
    await("the update is held").atMost(Duration.ofSeconds(10)).until(() -> node.requestsTo(UserRepositoryAddresses.UPDATE) > updates);
    redis.stop();
    releaseUpdate.run();
    JsonObject updated = assertError(Await.await(put), 503);
    assertThat(updated.getString("error")).startsWith("user " + id + " was updated, but its cached read could not be reset")
      .contains("repeat the request once the cache store is back");
    assertThat(row(id).getString("name")).as("committed").isEqualTo("Racer 2");

    // The same for a delete: its first reset passes, Redis dies before the second.
    redis.start();
    awaitChangesWork(id);
    int deletes = node.requestsTo(UserRepositoryAddresses.DELETE);
    Runnable releaseDelete = node.hold(UserRepositoryAddresses.DELETE);
    Future<HttpResponse<Buffer>> delete = sendAsync("DELETE", "/users/" + id, null);
    await("the delete is held").atMost(Duration.ofSeconds(10)).until(() -> node.requestsTo(UserRepositoryAddresses.DELETE) > deletes);
    redis.stop();
    releaseDelete.run();
    JsonObject deleted = assertError(Await.await(delete), 503);
    assertThat(deleted.getString("error")).startsWith("user " + id + " was deleted, but its cached read could not be reset");
    assertError(get("/users/" + id), 404); // read through: the database says so

    // Repeated once Redis is back: the delete finds no user, and the read stays 404.
    redis.start();
    await("deletes work again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
      .until(() -> send("DELETE", "/users/" + id, null).statusCode() == 404);
    assertError(get("/users/" + id), 404);
  }

  /** A fault test that failed half-way must not leave Redis down for the next test. */
  @AfterEach
  void redisRunsAgain() {
    redis.start();
  }

  private void awaitChangesWork(long id) {
    await("changes work again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
      .until(() -> put("/users/" + id, new JsonObject().put("name", "Racer 3").put("email", "racer@example.com"))
        .statusCode() == 200);
  }

  private Future<Outcome> request(String method, long id, String name, long seq) {
    long start = System.nanoTime();
    String body = name == null ? null : new JsonObject().put("name", name).put("email", "w" + id + "@example.com").encode();
    return sendAsync(method, "/users/" + id, body).map((HttpResponse<Buffer> response) -> new Outcome(method, id, name,
        seq, start, System.nanoTime(), response.statusCode(), response.bodyAsString()))
      .otherwise(error -> new Outcome(method, id, name, seq, start, System.nanoTime(), -1, String.valueOf(error)));
  }

  /** The row as the repository has it, over the event bus (no cache in between). */
  private JsonObject row(long id) {
    return Await.await(node.vertx().eventBus().<JsonObject>request(UserRepositoryAddresses.GET, new JsonObject().put("id", id))
      .map(Message::body));
  }

  /**
   * The name of the last PUT of user {@code id} issued before {@code beforeNanos} that committed:
   * answered 200, or 503 saying it was updated but its cached read not reset (Redis died in between).
   */
  private static Optional<String> lastCommittedName(List<Outcome> puts, long id, long beforeNanos) {
    return puts.stream().filter(o -> o.id == id && o.startNanos < beforeNanos
        && (o.status == 200 || o.status == 503 && o.body.contains("was updated")))
      .max(Comparator.comparingLong(Outcome::seq)).map(Outcome::sentName);
  }

  private static Optional<Outcome> firstSuccessfulPut(Queue<Outcome> outcomes, long afterNanos) {
    return outcomes.stream().filter(o -> o.method.equals("PUT") && o.status == 200 && o.startNanos >= afterNanos)
      .min(Comparator.comparingLong(Outcome::endNanos));
  }

  private static long count(Queue<Outcome> outcomes, Predicate<Outcome> which) {
    return outcomes.stream().filter(which).count();
  }

  /** Workers that each send one request at a time, paced by a timer, until stopped (or the limit). */
  private final class Load {

    private final Queue<Outcome> outcomes;
    private final List<Future<Void>> workers = new ArrayList<>();
    private final long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
    private volatile boolean stopped;

    Load(Queue<Outcome> outcomes) {
      this.outcomes = outcomes;
    }

    void worker(java.util.function.LongFunction<Future<Outcome>> request) {
      Promise<Void> done = Promise.promise();
      workers.add(done.future());
      node.vertx().runOnContext(v -> next(request, 0, done));
    }

    private void next(java.util.function.LongFunction<Future<Outcome>> request, long seq, Promise<Void> done) {
      if (stopped || System.nanoTime() > deadline) {
        done.complete();
        return;
      }
      request.apply(seq).onComplete(outcome -> {
        outcomes.add(outcome.result());
        node.vertx().setTimer(PACE_MILLIS, t -> next(request, seq + 1, done));
      });
    }

    Future<Void> stop() {
      stopped = true;
      return Future.all(workers).mapEmpty();
    }
  }
}
