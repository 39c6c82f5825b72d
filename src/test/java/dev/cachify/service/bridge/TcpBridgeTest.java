package dev.cachify.service.bridge;

import dev.cachify.service.users.UsersNode;
import dev.cachify.service.users.UsersSetups;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TCP bridge against clients on plain sockets: the library's frames answered in the library's
 * shapes; every bad frame answered with its problem, the connection still usable where the stream
 * is intact; lengths that cannot be trusted refused at once, then the connection closed; the
 * token; only the public addresses; backpressure; the refusal counters in /metrics.
 */
class TcpBridgeTest {

  static final String TOKEN = "tcp-bridge-test-token-42";
  static UsersNode node;
  static int port;
  /** Headers of the messages that reached {@code cachify.lock.status}, as its consumer sees them. */
  static HeadersSeen seenHeaders;

  @BeforeAll
  static void start() {
    port = freePort();
    node = new UsersNode(UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore())
      .put("TCP_BRIDGE_ENABLED", true).put("TCP_BRIDGE_PORT", port).put("BRIDGE_TOKEN", TOKEN));
    seenHeaders = HeadersSeen.at(node.vertx(), "cachify.lock.status");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject token() {
    return new JsonObject().put(BridgeAccess.TOKEN_HEADER, TOKEN);
  }

  @Test
  void aLockIsTakenAndReleasedWithAnswersInTheLibrarysShape() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      socket.write(FrameSocket.send("cachify.lock.acquire", "r-1", token(), new JsonObject().put("key", "tcp-lock")));
      JsonObject grant = socket.read();
      assertThat(grant.getString("type")).isEqualTo("message");
      assertThat(grant.getString("address")).isEqualTo("r-1");
      assertThat(grant.getJsonObject("headers")).isEqualTo(new JsonObject());
      assertThat(grant.getBoolean("send")).isTrue();
      String lockToken = grant.getJsonObject("body").getString("token");
      assertThat(lockToken).isNotBlank();

      socket.write(FrameSocket.send("cachify.lock.acquire", "r-2", token(), new JsonObject().put("key", "tcp-lock")));
      JsonObject locked = socket.read();
      assertThat(locked.getMap()).containsEntry("type", "err").containsEntry("address", "r-2")
        .containsEntry("sourceAddress", "cachify.lock.acquire").containsEntry("failureCode", 423)
        .containsEntry("failureType", "RECIPIENT_FAILURE");

      socket.write(FrameSocket.send("cachify.lock.release", "r-3", token(),
        new JsonObject().put("key", "tcp-lock").put("token", lockToken)));
      assertThat(socket.read().getJsonObject("body")).isEqualTo(new JsonObject().put("key", "tcp-lock").put("released", true));

      socket.write(new JsonObject().put("type", "ping"));
      assertThat(socket.read()).isEqualTo(new JsonObject().put("type", "pong"));
    }
  }

  @Test
  void aUserIsCreatedAndReadThroughThePublicUsersContract() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject created = socket.write(FrameSocket.send("users.create", "u-1", token(),
        new JsonObject().put("name", "Grace").put("email", "grace@example.com"))).read();
      assertThat(created.getString("type")).as("%s", created).isEqualTo("message");
      JsonObject user = created.getJsonObject("body");
      JsonObject read = socket.write(FrameSocket.send("users.get", "u-2", token(), new JsonObject().put("id", user.getLong("id")))).read();
      assertThat(read.getJsonObject("body")).isEqualTo(user);
      JsonObject missing = socket.write(FrameSocket.send("users.get", "u-3", token(), new JsonObject().put("id", 999_999))).read();
      assertThat(missing.getMap()).containsEntry("type", "err").containsEntry("address", "u-3").containsEntry("failureCode", 404);
    }
  }

  static Stream<Arguments> badFrames() {
    JsonObject status = new JsonObject().put("key", "k");
    return Stream.of(
      Arguments.of("not JSON", bytes("hello"), "invalid_json: "),
      Arguments.of("not UTF-8", new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, "invalid_json: the frame is not UTF-8 text"),
      Arguments.of("empty", new byte[0], "invalid_json: the frame is empty"),
      Arguments.of("trailing garbage", bytes("{\"type\":\"ping\"} x"), "invalid_json: "),
      Arguments.of("an array", bytes("[1,2]"), "not_an_object: a frame is a JSON object, got an array"),
      Arguments.of("a string", bytes("\"send\""), "not_an_object: "),
      Arguments.of("no type", bytes("{}"), "missing_type: "),
      Arguments.of("a number as type", bytes("{\"type\":5}"), "unknown_type: type must be a string, got a number"),
      Arguments.of("an unknown type", bytes("{\"type\":\"message\"}"), "unknown_type: unknown type 'message'"),
      Arguments.of("a send without address", bytes("{\"type\":\"send\",\"replyAddress\":\"r\"}"), "missing_address: "),
      Arguments.of("a number as address", bytes("{\"type\":\"send\",\"address\":5}"), "bad_address: address must be a string"),
      Arguments.of("an empty address", bytes("{\"type\":\"send\",\"address\":\"\"}"), "bad_address: "),
      Arguments.of("a long address", bytes(new JsonObject().put("type", "send").put("address", "a".repeat(201)).encode()),
        "bad_address: address must have 1 to 200 characters, got 201"),
      Arguments.of("a control character in the address", bytes("{\"type\":\"send\",\"address\":\"cachify.\\u0000\"}"), "bad_address: "),
      Arguments.of("a number as replyAddress", bytes(new JsonObject().put("type", "send").put("address", "cachify.lock.status")
        .put("replyAddress", 7).encode()), "bad_reply_address: replyAddress must be a string"),
      Arguments.of("publish", bytes(new JsonObject().put("type", "publish").put("address", "cachify.lock.status")
        .put("headers", token()).put("body", status).encode()), "access_denied: publish is not allowed"),
      Arguments.of("register", bytes(new JsonObject().put("type", "register").put("address", "cachify.lock.status").encode()),
        "access_denied: register is not allowed"),
      Arguments.of("unregister", bytes(new JsonObject().put("type", "unregister").put("address", "users.get").encode()),
        "access_denied: unregister is not allowed"),
      Arguments.of("a send without reply to a closed address", bytes(new JsonObject().put("type", "send")
        .put("address", "internal.users.delete").put("headers", token()).put("body", new JsonObject().put("id", 1)).encode()),
        "access_denied: internal.users.delete is not a public address"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFrames")
  void aBadFrameIsAnsweredWithItsProblemAndTheConnectionStaysUsable(String what, byte[] frame, String message)
    throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject answer = socket.write(frame).read();
      assertThat(answer.fieldNames()).containsExactlyInAnyOrder("type", "message");
      assertThat(answer.getString("type")).isEqualTo("err");
      assertThat(answer.getString("message")).startsWith(message);

      socket.write(new JsonObject().put("type", "ping"));
      assertThat(socket.read()).isEqualTo(new JsonObject().put("type", "pong"));
    }
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
      Arguments.of("headers not an object", new JsonArray1(), "bad_headers: headers must be an object of strings, got an array"),
      Arguments.of("a number header", token().put("attempt", 2), "bad_headers: headers must be an object of strings; 'attempt' is a number"),
      Arguments.of("a null header", token().putNull("trace"), "bad_headers: "),
      Arguments.of("a codecName header", token().put("codecName", "serializable"), "bad_headers: the codecName header is not accepted"),
      Arguments.of("a localOnly header", token().put("localOnly", true), "bad_headers: the localOnly header is not accepted"),
      Arguments.of("a zero timeout", token().put("timeout", 0), "bad_timeout: the timeout header must be a whole number of milliseconds, 1 to 90000, got 0"),
      Arguments.of("a day's timeout", token().put("timeout", 86_400_000), "bad_timeout: "),
      Arguments.of("a fractional timeout", token().put("timeout", 1.5), "bad_timeout: "),
      Arguments.of("a negative timeout", token().put("timeout", "-5"), "bad_timeout: "));
  }

  /** Marks the non-object headers case: the frame gets a JSON array there. */
  record JsonArray1() {
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadRequestIsAnsweredOnItsReplyAddressAndReachesNoService(String what, Object headers, String message)
    throws IOException {
    int before = seenHeaders.count();
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject frame = FrameSocket.send("cachify.lock.status", "r-bad", null, new JsonObject().put("key", "k"))
        .put("headers", headers instanceof JsonArray1 ? new io.vertx.core.json.JsonArray().add("x") : headers);
      JsonObject answer = socket.write(frame).read();
      assertThat(answer.getMap()).containsEntry("type", "err").containsEntry("address", "r-bad")
        .containsEntry("sourceAddress", "cachify.lock.status").containsEntry("failureCode", 400)
        .containsEntry("failureType", "RECIPIENT_FAILURE");
      assertThat(answer.getString("message")).startsWith(message);

      socket.write(new JsonObject().put("type", "ping"));
      assertThat(socket.read()).isEqualTo(new JsonObject().put("type", "pong"));
    }
    assertThat(seenHeaders.count()).isEqualTo(before);
  }

  @Test
  void anOversizedLengthIsRefusedAtOnceWithoutWaitingForItsBytesThenTheConnectionCloses() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      // Only the length is sent: an answer proves the bridge neither waits for nor keeps the 2 GiB.
      JsonObject answer = socket.announce(Integer.MAX_VALUE).read();
      assertThat(answer.getString("type")).isEqualTo("err");
      assertThat(answer.getString("message"))
        .isEqualTo("frame_too_large: the frame announces 2147483647 bytes, over the limit of 65536; the connection closes");
      assertThat(socket.closedByServer()).isTrue();
    }
    try (FrameSocket socket = new FrameSocket(port)) {
      assertThat(socket.announce(65_537).read().getString("message")).startsWith("frame_too_large: the frame announces 65537 bytes");
      assertThat(socket.closedByServer()).isTrue();
    }
  }

  @Test
  void aNegativeLengthIsRefusedThenTheConnectionCloses() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject answer = socket.announce(-1).read();
      assertThat(answer.getString("message"))
        .isEqualTo("bad_length: the frame announces 4294967295 bytes, a negative length; the connection closes");
      assertThat(socket.closedByServer()).isTrue();
    }
  }

  @Test
  void aFrameAtTheLimitIsRead() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject frame = FrameSocket.send("cachify.cache.get", "r-big", token(), new JsonObject().put("key", "k"));
      int room = 65_536 - frame.encode().length() - ",\"pad\":\"\"".length();
      byte[] exactly = bytes(frame.put("pad", "p".repeat(room)).encode());
      assertThat(exactly).hasSize(65_536);
      assertThat(socket.write(exactly).read().getString("type")).isEqualTo("message");
    }
  }

  @Test
  void tenThousandPipelinedRequestsAreEachAnsweredOnce() throws Exception {
    int count = 10_000;
    try (FrameSocket socket = new FrameSocket(port)) {
      AtomicInteger written = new AtomicInteger();
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < count; i++) {
            socket.write(FrameSocket.send("cachify.cache.get", "p-" + i, token(), new JsonObject().put("key", "k" + (i % 10))));
            written.incrementAndGet();
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      Set<String> answered = new HashSet<>();
      for (int i = 0; i < count; i++) {
        JsonObject answer = socket.read();
        assertThat(answer.getString("type")).isEqualTo("message");
        assertThat(answered.add(answer.getString("address"))).as("answered once: %s", answer).isTrue();
      }
      writer.join(10_000);
      assertThat(written.get()).isEqualTo(count);
      assertThat(answered).hasSize(count);
    }
  }

  @Test
  void aClientThatDoesNotReadItsAnswersIsNoLongerReadFrom() throws Exception {
    try (FrameSocket socket = new FrameSocket(port)) {
      String value = "v".repeat(32 * 1024);
      socket.write(FrameSocket.send("cachify.cache.set", "set", token(),
        new JsonObject().put("key", "big").put("value", value)));
      assertThat(socket.read().getString("type")).isEqualTo("message");

      // 2000 requests of 16 KiB, each answered by 32 KiB: far more than the sockets' buffers hold.
      int count = 2000;
      JsonObject padded = token().put("pad", "p".repeat(16 * 1024));
      AtomicInteger written = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < count; i++) {
            socket.write(FrameSocket.send("cachify.cache.get", "g-" + i, padded, new JsonObject().put("key", "big")));
            written.incrementAndGet();
          }
          done.set(true);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      writer.setDaemon(true);
      writer.start();
      // The bridge stops reading while its answers are not read: the writer stays blocked.
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> !done.get());
      assertThat(written.get()).isLessThan(count);

      for (int i = 0; i < count; i++) {
        JsonObject answer = socket.read();
        assertThat(answer.getString("address")).isEqualTo("g-" + i);
        assertThat(answer.getJsonObject("body").getString("value")).hasSize(value.length());
      }
      writer.join(10_000);
      assertThat(done).isTrue();
    }
  }

  @Test
  void everyMessageNeedsTheTokenWhichNoServiceSees() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      JsonObject status = new JsonObject().put("key", "k");
      JsonObject missing = socket.write(FrameSocket.send("cachify.lock.status", "t-1", null, status)).read();
      assertThat(missing.getMap()).containsEntry("type", "err").containsEntry("address", "t-1").containsEntry("failureCode", 403)
        .containsEntry("message", "access_denied: this bridge needs the bridge-token header in every message");
      JsonObject wrong = socket.write(FrameSocket.send("cachify.lock.status", "t-2",
        new JsonObject().put(BridgeAccess.TOKEN_HEADER, TOKEN + "x"), status)).read();
      assertThat(wrong.getMap()).containsEntry("failureCode", 403).containsEntry("message", "access_denied: wrong bridge-token");

      int before = seenHeaders.count();
      JsonObject allowed = socket.write(FrameSocket.send("cachify.lock.status", "t-3", token().put("trace-id", "abc"), status)).read();
      assertThat(allowed.getJsonObject("body")).isEqualTo(new JsonObject().put("key", "k").put("locked", false));
      assertThat(seenHeaders.count()).isEqualTo(before + 1);
      assertThat(seenHeaders.of(before)).containsEntry("trace-id", "abc").doesNotContainKey(BridgeAccess.TOKEN_HEADER);
    }
  }

  @Test
  void internalAndVertxAddressesAreClosedAndNothingReachesThem() throws IOException {
    int repositoryGets = node.requestsTo(UserRepositoryAddresses.GET);
    try (FrameSocket socket = new FrameSocket(port)) {
      for (String address : List.of(UserRepositoryAddresses.GET, UserRepositoryAddresses.UPDATE, "__vertx.reply.1",
        "cachify.lock", "users.get.extra")) {
        JsonObject answer = socket.write(FrameSocket.send(address, "c-1", token(), new JsonObject().put("id", 1))).read();
        assertThat(answer.getMap()).as(address).containsEntry("type", "err").containsEntry("address", "c-1")
          .containsEntry("failureCode", 403).containsEntry("failureType", "RECIPIENT_FAILURE")
          .containsEntry("message", "access_denied: " + address + " is not a public address (the bridge sends to the "
            + "cachify.* and users.* public contracts only)");
      }
    }
    assertThat(node.requestsTo(UserRepositoryAddresses.GET)).isEqualTo(repositoryGets);
  }

  @Test
  void aBridgeWithoutTokenDoesNotStartBeyondLoopback() {
    Throwable refused = dev.cachify.contract.Await.failure(
      node.vertx().deployVerticle(new dev.cachify.service.bridge.tcp.TcpBridgeVerticle("0.0.0.0", 0)));
    assertThat(refused).hasMessage("a TCP bridge on 0.0.0.0 is reachable from other hosts: it needs a token");
  }

  @Test
  void aTimeoutHeaderBoundsTheWait() throws IOException {
    try (FrameSocket socket = new FrameSocket(port)) {
      socket.write(FrameSocket.send("cachify.lock.acquire", "w-1", token(), new JsonObject().put("key", "held")));
      assertThat(socket.read().getString("type")).isEqualTo("message");
      // A wait of up to 5 s for the held lock, but the client allows only 200 ms.
      socket.write(FrameSocket.send("cachify.lock.acquire", "w-2", token().put("timeout", "200"),
        new JsonObject().put("key", "held").put("nowait", false).put("timeoutMs", 5000)));
      JsonObject answer = socket.read();
      assertThat(answer.getMap()).containsEntry("type", "err").containsEntry("address", "w-2")
        .containsEntry("failureType", "TIMEOUT");
    }
  }

  @Test
  void refusalsAreCountedInMetricsByReason() throws IOException {
    Map<String, Double> before = refusals();
    try (FrameSocket socket = new FrameSocket(port)) {
      socket.write(FrameSocket.send("cachify.lock.status", "m-1", new JsonObject().put(BridgeAccess.TOKEN_HEADER, "nope"),
        new JsonObject().put("key", "k"))).read();
      socket.write(FrameSocket.send("internal.users.get", "m-2", token(), new JsonObject().put("id", 1))).read();
      socket.write("{oops").read();
    }
    try (FrameSocket socket = new FrameSocket(port)) {
      socket.announce(1 << 30).read();
    }
    Map<String, Double> after = refusals();
    assertThat(after.get("wrong_token") - before.get("wrong_token")).isEqualTo(1.0);
    assertThat(after.get("not_public") - before.get("not_public")).isEqualTo(1.0);
    assertThat(after.get("invalid_json") - before.get("invalid_json")).isEqualTo(1.0);
    assertThat(after.get("frame_too_large") - before.get("frame_too_large")).isEqualTo(1.0);
    assertThat(after).containsKeys("missing_token", "not_a_send", "bad_headers", "bad_length");
  }

  /** {@code cachify_bridge_refused_total{bridge="tcp",reason}} from the node's /metrics. */
  static Map<String, Double> refusals() {
    String text = await(node.client().get("/metrics").send()).bodyAsString();
    Matcher line = Pattern.compile("cachify_bridge_refused_total\\{bridge=\"tcp\",reason=\"([a-z_]+)\"} ([0-9.E]+)")
      .matcher(text);
    Map<String, Double> counts = new java.util.HashMap<>();
    while (line.find()) {
      counts.put(line.group(1), Double.parseDouble(line.group(2)));
    }
    assertThat(counts).as("refusal counters in /metrics:%n%s", text).isNotEmpty();
    return counts;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
