package dev.cachify.store.redis;

import dev.cachify.store.StoreException;
import dev.cachify.testsupport.LogCapture;
import dev.cachify.testsupport.PrivateRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Redis that wants a password, reached by URL: {@code redis://:password@host} and, with a Redis 6
 * ACL user, {@code redis://user:password@host} work; a wrong or missing password fails fast with a
 * {@link StoreException} that says authentication failed. No password ever shows in an exception
 * or a log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStoreAuthTest {

  private static final String PASSWORD = "s3cret-default-4711";
  private static final String USER = "cachify-app";
  /** Reserved characters, percent-encoded in the URL. */
  private static final String USER_PASSWORD = "app/pw@0815:x";
  private static final String WRONG_PASSWORD = "wr0ng-pw-0815";
  /** Long, so an answer well within {@link #FAILS_WITHIN} is a refusal, not a timeout. */
  private static final long COMMAND_TIMEOUT_MILLIS = 30_000;
  private static final Duration FAILS_WITHIN = Duration.ofSeconds(3);

  private PrivateRedis server;
  private LogCapture logs;
  private Vertx vertx;

  @BeforeAll
  void start() {
    server = PrivateRedis.launch(PASSWORD, null);
    logs = LogCapture.start();
    vertx = Vertx.vertx();
    // An ACL user that may only touch app:* keys: a refused other key proves who the store is.
    Redis admin = Redis.createClient(vertx, url(":" + PASSWORD));
    try {
      await(admin.send(Request.cmd(Command.ACL).arg("SETUSER").arg(USER)
        .arg("reset").arg("on").arg(">" + USER_PASSWORD).arg("~app:*").arg("&*").arg("+@all")));
    } finally {
      admin.close();
    }
  }

  @AfterAll
  void stop() {
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("vertx did not close", e);
    } finally {
      logs.close();
      server.close();
    }
    assertThat(logs.text()).as("logs").doesNotContain(PASSWORD, USER_PASSWORD, WRONG_PASSWORD);
  }

  @Test
  void passwordInTheUrlSetsGetsAndLocks() {
    RedisStore store = store(url(":" + PASSWORD));
    try {
      setsGetsAndLocks(store, "key-" + UUID.randomUUID());
    } finally {
      store.close();
    }
  }

  @Test
  void userAndPercentEncodedPasswordInTheUrlLogInAsThatUser() {
    String encoded = URLEncoder.encode(USER_PASSWORD, StandardCharsets.UTF_8);
    RedisStore store = store(url(USER + ":" + encoded));
    try {
      setsGetsAndLocks(store, "app:" + UUID.randomUUID());

      Throwable refused = failureWithin(store.set("other:" + UUID.randomUUID(), Buffer.buffer("x"), null), FAILS_WITHIN);
      assertThat(refused).isInstanceOf(StoreException.class).hasMessageContaining("NOPERM");
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {":" + WRONG_PASSWORD, USER + ":" + WRONG_PASSWORD, "nobody:" + PASSWORD})
  void wrongPasswordFailsFastSayingAuthenticationFailed(String userInfo) {
    RedisStore store = store(url(userInfo));
    try {
      for (Future<?> call : new Future<?>[] {store.ping(), store.get("k"), store.acquireLock("l", "t", null)}) {
        Throwable error = failureWithin(call, FAILS_WITHIN);
        assertThat(error).isInstanceOf(StoreException.class)
          .hasMessageStartingWith("redis store: ")
          .hasMessageContaining("authentication failed")
          .hasMessageContaining("WRONGPASS");
        assertThat(printed(error)).doesNotContain(PASSWORD, WRONG_PASSWORD);
      }
    } finally {
      store.close();
    }
  }

  @Test
  void noPasswordFailsFastSayingAuthenticationFailed() {
    RedisStore store = store(server.url());
    try {
      for (Future<?> call : new Future<?>[] {store.ping(), store.set("k", Buffer.buffer("v"), null),
        store.releaseLock("l", "t")}) {
        Throwable error = failureWithin(call, FAILS_WITHIN);
        assertThat(error).isInstanceOf(StoreException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining("NOAUTH");
      }
    } finally {
      store.close();
    }
  }

  @Test
  void urlThatDoesNotParseIsRefusedWithoutQuotingIt() {
    // A space is not allowed in a URL; the driver's own exception quotes the whole URL.
    String url = "redis://:pass word-" + PASSWORD + "@127.0.0.1:" + server.port();

    assertThatThrownBy(() -> RedisStore.create(vertx, url))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("not a valid URL")
      .satisfies(error -> assertThat(printed(error)).doesNotContain(PASSWORD));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private String url(String userInfo) {
    return "redis://" + userInfo + "@" + server.host() + ":" + server.port();
  }

  private RedisStore store(String url) {
    return RedisStore.create(vertx, RedisStoreOptions.fromUrl(url).setCommandTimeoutMillis(COMMAND_TIMEOUT_MILLIS));
  }

  /** Set, get, and a lock taken, refused to another owner and released: the store works. */
  static void setsGetsAndLocks(RedisStore store, String key) {
    await(store.set(key, Buffer.buffer("value"), Duration.ofMinutes(1)));
    assertThat(await(store.get(key)).toString()).isEqualTo("value");

    String lock = key + ":lock";
    assertThat(await(store.acquireLock(lock, "owner", Duration.ofMinutes(1)))).isNotNull();
    assertThat(await(store.acquireLock(lock, "other", Duration.ofMinutes(1)))).isNull();
    assertThat(await(store.isLocked(lock))).isTrue();
    assertThat(await(store.releaseLock(lock, "owner"))).isTrue();
    assertThat(await(store.isLocked(lock))).isFalse();
  }

  /** The stack trace as a log would print it, causes included. */
  static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
