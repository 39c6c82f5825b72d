package dev.cachify.store.redis;

import dev.cachify.store.StoreException;
import dev.cachify.testsupport.LogCapture;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code rediss://} to a redis-server's TLS-only port, its certificate signed by a throwaway CA:
 * with that CA trusted ({@code caFile}) the store works; without it, or with an unreadable CA
 * file, every call fails fast saying why. Skipped, with the reason, where redis-server cannot serve
 * TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStoreTlsTest {

  private static final String PASSWORD = "tls-s3cret-4711";
  /** Long, so an answer well within {@link #FAILS_WITHIN} is a refusal, not a timeout. */
  private static final long COMMAND_TIMEOUT_MILLIS = 30_000;
  private static final Duration FAILS_WITHIN = Duration.ofSeconds(5);

  private TestCertificates certificates;
  /** Why every test is skipped, when redis-server cannot serve TLS here. */
  private String noTls;
  private PrivateRedis server;
  private LogCapture logs;
  private Vertx vertx;

  @BeforeAll
  void start() {
    certificates = TestCertificates.create();
    try {
      server = PrivateRedis.launch(PASSWORD, certificates);
    } catch (TestAbortedException e) {
      // Reported on each test: an abort here would only show as a class without tests.
      noTls = e.getMessage();
      certificates.close();
      return;
    }
    logs = LogCapture.start();
    vertx = Vertx.vertx();
  }

  @BeforeEach
  void tlsServes() {
    assumeTrue(noTls == null, () -> noTls);
  }

  @AfterAll
  void stop() {
    if (server == null) {
      return; // skipped: no TLS here
    }
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("vertx did not close", e);
    } finally {
      logs.close();
      server.close();
      certificates.close();
    }
    assertThat(logs.text()).as("logs").doesNotContain(PASSWORD);
  }

  @Test
  void trustedCaSetsGetsAndLocks() {
    for (String host : new String[] {"127.0.0.1", "localhost"}) { // the certificate names both
      RedisStore store = store(RedisStoreOptions.fromUrl(tlsUrl(host)).setCaFile(certificates.caCert().toString()));
      try {
        RedisStoreAuthTest.setsGetsAndLocks(store, "tls-" + UUID.randomUUID());
      } finally {
        store.close();
      }
    }
  }

  @Test
  void untrustedCaFailsFastSayingTheHandshakeFailed() {
    // Only the JVM's trusted authorities: the test CA is not among them.
    RedisStore store = store(RedisStoreOptions.fromUrl(tlsUrl("127.0.0.1")));
    try {
      for (Future<?> call : new Future<?>[] {store.ping(), store.get("k"), store.acquireLock("l", "t", null)}) {
        Throwable error = failureWithin(call, FAILS_WITHIN);
        assertThat(error).isInstanceOf(StoreException.class)
          .hasMessageStartingWith("redis store: ")
          .hasMessageContaining("TLS handshake failed")
          .hasMessageContaining("caFile");
        assertThat(RedisStoreAuthTest.printed(error)).doesNotContain(PASSWORD);
      }
    } finally {
      store.close();
    }
  }

  @Test
  void unreadableCaFileFailsFastNamingIt() {
    String missing = certificates.caCert().resolveSibling("no-such-ca.crt").toString();
    RedisStore store = store(RedisStoreOptions.fromUrl(tlsUrl("127.0.0.1")).setCaFile(missing));
    try {
      Throwable error = failureWithin(store.ping(), FAILS_WITHIN);
      assertThat(error).isInstanceOf(StoreException.class).hasMessageContaining(missing);
    } finally {
      store.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private String tlsUrl(String host) {
    return "rediss://:" + PASSWORD + "@" + host + ":" + server.tlsPort();
  }

  private RedisStore store(RedisStoreOptions options) {
    return RedisStore.create(vertx, options.setCommandTimeoutMillis(COMMAND_TIMEOUT_MILLIS));
  }


}
