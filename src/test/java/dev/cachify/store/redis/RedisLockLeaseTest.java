package dev.cachify.store.redis;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.lock.LockHandle;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fences and leases against a Redis that fails: fences keep growing when the server lost its
 * counters, and a renewed lock whose server stopped signals {@code lost()} once its lease ran out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RedisServerExtension.class)
class RedisLockLeaseTest {

  private PrivateRedis server;
  private Vertx vertx;
  private RedisStore store;

  @BeforeAll
  void connect() {
    server = RedisServerExtension.server();
    vertx = Vertx.vertx();
    store = RedisStore.create(vertx, RedisStoreOptions.fromUrl(server.url())
      .setCommandTimeoutMillis(500).setConnectTimeoutMillis(300));
    RedisStoreFixture.warmUp(store);
  }

  @AfterAll
  void close() {
    if (!server.isRunning()) {
      server.start();
    }
    await(store.close());
    await(vertx.close());
  }

  @Test
  void fencesKeepGrowingAfterTheServerLostItsCounters() {
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix(prefix()));
    LockHandle before = await(cachify.lock("fenced").acquire());
    await(before.release());

    server.flushAll(); // what a restart without persistence does to the counters

    LockHandle after = await(cachify.lock("fenced").acquire());
    assertThat(after.fence()).isGreaterThan(before.fence());
    await(after.release());
  }

  @Test
  void aRenewedLockSignalsLostWhenItsServerStopsForLongerThanTheLease() {
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix(prefix())
      .setLockLease(Duration.ofMillis(600)));
    LockHandle lock = await(cachify.lock("renewed").exp(Ttl.NEVER).acquire());
    long stoppedAt = System.nanoTime();

    server.stop();
    try {
      String reason = await(lock.lost());
      long afterMillis = Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis();
      assertThat(reason).startsWith("the lease ran out while renewals failed");
      assertThat(afterMillis).as("not before the lease ran out").isGreaterThanOrEqualTo(400);
      System.out.printf("lost() fired %d ms after Redis stopped (lease 600 ms)%n", afterMillis);
    } finally {
      server.start();
    }
  }

  private static String prefix() {
    return "LEASE-" + UUID.randomUUID() + "-";
  }
}
