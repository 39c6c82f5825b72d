package dev.cachify.lock.impl;

import dev.cachify.Ttl;
import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
import dev.cachify.lock.LockHandle;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.given;

/**
 * Leases of locks taken with {@code exp(Ttl.NEVER)} are renewed by the instance's one scheduler:
 * fifty held leases stay alive long past their lease on the memory and Redis stores, renewed every
 * period, while the scheduler sets a handful of timers where fifty periodic timers ran before.
 */
@ExtendWith({VertxExtension.class, RedisServerExtension.class})
class LeaseRenewalTest {

  private static final Duration LEASE = Duration.ofMillis(300);
  private static final int LOCKS = 50;

  @Test
  void fiftyLeasesOnTheMemoryStoreLiveOnWithAFewTimers(Vertx vertx) {
    MemoryStore store = MemoryStore.create();
    try {
      fiftyLeasesLiveOnWithAFewTimers(vertx, store, store);
    } finally {
      await(store.close());
    }
  }

  @Test
  void fiftyLeasesOnRedisLiveOnWithAFewTimers(Vertx vertx, PrivateRedis redis) {
    RedisStore holder = RedisStore.create(vertx, RedisStoreOptions.fromUrl(redis.url()));
    RedisStore observer = RedisStore.create(vertx, RedisStoreOptions.fromUrl(redis.url()));
    RedisStoreFixture.warmUp(holder);
    RedisStoreFixture.warmUp(observer);
    try {
      fiftyLeasesLiveOnWithAFewTimers(vertx, holder, observer);
    } finally {
      await(Future.join(holder.close(), observer.close()));
    }
  }

  private void fiftyLeasesLiveOnWithAFewTimers(Vertx vertx, Store store, Store observer) {
    String prefix = "RENEW-" + UUID.randomUUID() + "-";
    AtomicInteger renewals = new AtomicInteger();
    AtomicInteger lost = new AtomicInteger();
    CachifyMetrics metrics = new CachifyMetrics() {
      @Override
      public void lockRenewed() {
        renewals.incrementAndGet();
      }

      @Override
      public void lockLost() {
        lost.incrementAndGet();
      }
    };
    Leases leases = new Leases(vertx);
    Locks locks = new Locks(vertx, store, leases, new Lifecycle(prefix), prefix, Ttl.seconds(30), Duration.ofMillis(20),
      Duration.ofMillis(20), LEASE, metrics);
    List<LockHandle> held = new ArrayList<>();
    for (int i = 0; i < LOCKS; i++) {
      held.add(await(locks.lock("job-" + i).exp(Ttl.NEVER).acquire()));
    }
    long timersBefore = leases.timersSet();
    long start = System.nanoTime();

    // Five leases long: without renewals every lock would have expired four times over.
    given().pollInterval(Duration.ofMillis(100)).await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10))
      .until(() -> allLocked(observer, prefix));

    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    long timers = leases.timersSet() - timersBefore;
    int renewed = renewals.get();
    System.out.printf("%s: %d leases of %d ms held %d ms: %d renewals from %d timers (%d periodic timers, "
        + "%d firings, before)%n", store.name(), LOCKS, LEASE.toMillis(), millis, renewed, timers, LOCKS,
      LOCKS * millis / (LEASE.toMillis() / 3));
    assertThat(lost).hasValue(0);
    assertThat(renewed).as("every lock renewed about every third of its lease")
      .isGreaterThanOrEqualTo(LOCKS * (int) (millis / (LEASE.toMillis() / 3) - 3));
    assertThat(timers).as("ticks shared by all fifty: about two per renewal period")
      .isLessThanOrEqualTo(2 * millis / (LEASE.toMillis() / 3) + 5);

    for (LockHandle lock : held) {
      assertThat(await(lock.release())).isTrue();
    }
    assertThat(leases.scheduled()).as("released leases are no longer renewed").isZero();
    assertThat(allUnlocked(observer, prefix)).isTrue();
  }

  private static boolean allLocked(Store store, String prefix) {
    return checkAll(store, prefix, true);
  }

  private static boolean allUnlocked(Store store, String prefix) {
    return checkAll(store, prefix, false);
  }

  private static boolean checkAll(Store store, String prefix, boolean locked) {
    List<Future<Boolean>> checks = new ArrayList<>();
    for (int i = 0; i < LOCKS; i++) {
      checks.add(store.isLocked(prefix + "job-" + i));
    }
    await(Future.all(checks));
    return checks.stream().allMatch(check -> check.result() == locked);
  }
}
