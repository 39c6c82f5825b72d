package dev.cachify.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The semantics every {@link Store} must have, run against each backend through its
 * {@link StoreFixture}. Party A and party B are two nodes or two clients where the backend has
 * them, so "B sees A's lock" is checked across the wire. Each test uses keys of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
public abstract class StoreContract {

  private static final Duration SHORT_TTL = Duration.ofMillis(300);
  private static final Duration LONG_TTL = Duration.ofSeconds(30);
  private static final Duration WAIT_MAX = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(25);

  private static final Function<Buffer, String> TEXT = Buffer::toString;

  private StoreFixture fixture;
  private String prefix;

  /** Starts the backend and both parties; called once per test class. */
  protected abstract StoreFixture createFixture();

  /**
   * How much later than its TTL an entry of this backend may expire (never earlier): Hazelcast
   * keeps expiry to the second. Checks that something outlived a short TTL wait this much longer.
   */
  protected Duration expiryLag() {
    return Duration.ZERO;
  }

  @BeforeAll
  void startFixture() {
    fixture = createFixture();
  }

  @AfterAll
  void stopFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void newKeys() {
    prefix = "contract-" + UUID.randomUUID() + "-";
  }

  private Store a() {
    return fixture.storeA();
  }

  private Store b() {
    return fixture.storeB();
  }

  private String key(String name) {
    return prefix + name;
  }

  private static String token() {
    return UUID.randomUUID().toString();
  }

  /** Waits from the test thread; a store that hangs fails the test instead of blocking it. */
  private static <T> T answer(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store call did not succeed: " + e, e);
    }
  }

  /** The value decoded as text through {@link Store#getDecoded} (one decoder for the whole run). */
  private static String decoded(Store store, String key) {
    return answer(store.getDecoded(key, TEXT));
  }

  private static Buffer bytes(String text) {
    return Buffer.buffer(text);
  }

  // ---- values --------------------------------------------------------------------------------

  @Test
  void getOfAbsentKeyIsNull() {
    assertThat(answer(a().get(key("absent")))).isNull();
    assertThat(decoded(a(), key("absent"))).isNull();
  }

  @Test
  void setThenGetRoundTripsBinaryData() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    answer(a().set(key("bin"), Buffer.buffer(all), null));

    assertThat(answer(a().get(key("bin"))).getBytes()).isEqualTo(all);
    assertThat(answer(b().get(key("bin"))).getBytes()).isEqualTo(all);
  }

  @Test
  void getDecodedDecodesAndFollowsOverwrites() {
    answer(a().set(key("v"), bytes("one"), null));
    assertThat(decoded(b(), key("v"))).isEqualTo("one");
    assertThat(decoded(b(), key("v"))).isEqualTo("one");

    answer(a().set(key("v"), bytes("two"), null));
    assertThat(decoded(b(), key("v"))).isEqualTo("two");
  }

  @Test
  void setOverwrites() {
    answer(a().set(key("v"), bytes("one"), null));
    answer(b().set(key("v"), bytes("two"), null));

    assertThat(answer(a().get(key("v"))).toString()).isEqualTo("two");
  }

  @Test
  void deleteRemovesAndDeletingAnAbsentKeyIsFine() {
    answer(a().set(key("v"), bytes("one"), null));
    answer(b().delete(key("v")));
    assertThat(answer(a().get(key("v")))).isNull();

    answer(a().delete(key("never-set")));
  }

  @Test
  void valueExpiresAfterItsTtl() {
    answer(a().set(key("v"), bytes("short"), SHORT_TTL));
    assertThat(answer(b().get(key("v")))).isNotNull();

    awaitUntil(() -> answer(b().get(key("v"))) == null);
    assertThat(answer(a().get(key("v")))).isNull();
  }

  @Test
  void valueWithoutTtlStays() {
    answer(a().set(key("v"), bytes("kept"), null));

    stays(() -> answer(b().get(key("v"))) != null);
  }

  @Test
  void overwriteWithoutTtlClearsTheEarlierExpiry() {
    answer(a().set(key("v"), bytes("short"), SHORT_TTL));
    answer(a().set(key("v"), bytes("kept"), null));

    stays(() -> answer(b().get(key("v"))) != null);
  }

  // ---- compare-and-set -----------------------------------------------------------------------

  @Test
  void compareAndSetOnAnAbsentKeyStores() {
    assertThat(answer(a().compareAndSet(key("c"), null, bytes("one"), LONG_TTL))).isTrue();

    assertThat(answer(b().get(key("c"))).toString()).isEqualTo("one");
    assertThat(decoded(b(), key("c"))).isEqualTo("one");
  }

  @Test
  void compareAndSetExpectingAbsenceFailsWhileAValueIsThere() {
    answer(a().set(key("c"), bytes("there"), null));

    assertThat(answer(b().compareAndSet(key("c"), null, bytes("mine"), LONG_TTL))).isFalse();
    assertThat(answer(a().get(key("c"))).toString()).isEqualTo("there");
  }

  @Test
  void compareAndSetReplacesAnEqualValueAndTakesTheNewTtl() {
    answer(a().set(key("c"), bytes("old"), null));
    assertThat(decoded(a(), key("c"))).isEqualTo("old");

    assertThat(answer(b().compareAndSet(key("c"), bytes("old"), bytes("new"), SHORT_TTL))).isTrue();
    assertThat(answer(a().get(key("c"))).toString()).isEqualTo("new");
    assertThat(decoded(a(), key("c"))).isEqualTo("new");
    awaitUntil(() -> answer(a().get(key("c"))) == null);

    answer(a().set(key("k"), bytes("old"), SHORT_TTL));
    assertThat(answer(b().compareAndSet(key("k"), bytes("old"), bytes("kept"), null))).isTrue();
    stays(() -> answer(a().get(key("k"))) != null);
  }

  @Test
  void compareAndSetWithOtherBytesFailsAndLeavesTheValue() {
    byte[] binary = {0, 1, 2, (byte) 0xff};
    answer(a().set(key("c"), Buffer.buffer(binary), null));

    assertThat(answer(b().compareAndSet(key("c"), bytes("stale"), bytes("new"), LONG_TTL))).isFalse();
    assertThat(answer(b().compareAndSet(key("c"), Buffer.buffer(new byte[] {0, 1, 2}), bytes("new"), LONG_TTL)))
      .as("a prefix is not equal").isFalse();
    assertThat(answer(a().get(key("c"))).getBytes()).isEqualTo(binary);

    assertThat(answer(b().compareAndSet(key("c"), Buffer.buffer(binary), bytes("new"), LONG_TTL))).isTrue();
    assertThat(answer(a().get(key("c"))).toString()).isEqualTo("new");
  }

  @Test
  void compareAndSetExpectingAValueFailsOnAnAbsentKey() {
    assertThat(answer(a().compareAndSet(key("absent"), bytes("x"), bytes("new"), LONG_TTL))).isFalse();
    assertThat(answer(b().get(key("absent")))).isNull();
  }

  @Test
  void anExpiredValueCountsAsAbsentToCompareAndSet() {
    answer(a().set(key("c"), bytes("short"), SHORT_TTL));
    awaitUntil(() -> answer(b().get(key("c"))) == null);

    assertThat(answer(b().compareAndSet(key("c"), bytes("short"), bytes("revived"), LONG_TTL))).isFalse();
    // Vert.x's local map drops an expired entry by a timer, so absence may show a moment later.
    awaitUntil(() -> answer(b().compareAndSet(key("c"), null, bytes("next"), LONG_TTL)));
    assertThat(answer(a().get(key("c"))).toString()).isEqualTo("next");
  }

  @Test
  void exactlyOneOfManyConcurrentCompareAndSetsOverTheSameBytesWins() throws Exception {
    answer(a().set(key("c"), bytes("v0"), null));

    List<Boolean> replaced = concurrently(50, i -> (i % 2 == 0 ? a() : b())
      .compareAndSet(key("c"), bytes("v0"), bytes("v" + (i + 1)), LONG_TTL));

    assertThat(replaced).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(answer(b().get(key("c"))).toString()).isEqualTo("v" + (replaced.indexOf(true) + 1));
  }

  @Test
  void exactlyOneOfManyConcurrentCompareAndSetsOnAnAbsentKeyWins() throws Exception {
    List<Boolean> stored = concurrently(50, i -> (i % 2 == 0 ? a() : b())
      .compareAndSet(key("c"), null, bytes("v" + i), LONG_TTL));

    assertThat(stored).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(answer(a().get(key("c"))).toString()).isEqualTo("v" + stored.indexOf(true));
  }

  // ---- locks ---------------------------------------------------------------------------------

  @Test
  void lockIsTakenOnceFromEitherParty() {
    assertThat(answer(a().acquireLock(key("l"), token(), LONG_TTL))).isNotNull();

    assertThat(answer(a().acquireLock(key("l"), token(), LONG_TTL))).isNull();
    assertThat(answer(b().acquireLock(key("l"), token(), LONG_TTL))).isNull();
  }

  @Test
  void releaseByAnotherTokenFailsAndTheLockStays() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, LONG_TTL));

    assertThat(answer(b().releaseLock(key("l"), token()))).isFalse();
    assertThat(answer(b().isLocked(key("l")))).isTrue();
    assertThat(answer(b().extendLock(key("l"), token(), LONG_TTL))).isFalse();
  }

  @Test
  void releaseByTheOwnerFreesTheLock() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, LONG_TTL));

    assertThat(answer(a().releaseLock(key("l"), owner))).isTrue();
    assertThat(answer(a().releaseLock(key("l"), owner))).isFalse();
    assertThat(answer(b().acquireLock(key("l"), token(), LONG_TTL))).isNotNull();
  }

  @Test
  void releaseOfAnAbsentLockIsFalse() {
    assertThat(answer(a().releaseLock(key("never-locked"), token()))).isFalse();
    assertThat(answer(a().extendLock(key("never-locked"), token(), LONG_TTL))).isFalse();
  }

  @Test
  void expiredHolderCannotReleaseOrExtendTheNextHoldersLock() {
    String first = token();
    String second = token();
    answer(a().acquireLock(key("l"), first, Duration.ofMillis(200)));

    awaitUntil(() -> answer(b().acquireLock(key("l"), second, LONG_TTL)) != null);

    assertThat(answer(a().releaseLock(key("l"), first))).isFalse();
    assertThat(answer(a().extendLock(key("l"), first, LONG_TTL))).isFalse();
    assertThat(answer(a().isLocked(key("l")))).isTrue();
    assertThat(answer(b().releaseLock(key("l"), second))).isTrue();
  }

  @Test
  void expiredLockCannotBeExtendedByItsFormerHolder() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, Duration.ofMillis(200)));

    awaitUntil(() -> !answer(b().isLocked(key("l"))));

    assertThat(answer(a().extendLock(key("l"), owner, LONG_TTL))).isFalse();
    assertThat(answer(b().isLocked(key("l")))).isFalse();
  }

  @Test
  void extendByTheOwnerPushesTheExpiry() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, SHORT_TTL));

    assertThat(answer(a().extendLock(key("l"), owner, Duration.ofSeconds(5)))).isTrue();

    stays(() -> answer(b().isLocked(key("l"))));
    assertThat(answer(b().acquireLock(key("l"), token(), LONG_TTL))).isNull();
    assertThat(answer(a().releaseLock(key("l"), owner))).isTrue();
  }

  @Test
  void extendWithoutTtlMakesTheLockPermanent() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, SHORT_TTL));

    assertThat(answer(a().extendLock(key("l"), owner, null))).isTrue();

    stays(() -> answer(b().isLocked(key("l"))));
    assertThat(answer(a().releaseLock(key("l"), owner))).isTrue();
  }

  @Test
  void isLockedFollowsTheLockOnBothParties() {
    String owner = token();
    assertThat(answer(a().isLocked(key("l")))).isFalse();
    assertThat(answer(b().isLocked(key("l")))).isFalse();

    answer(a().acquireLock(key("l"), owner, LONG_TTL));
    assertThat(answer(a().isLocked(key("l")))).isTrue();
    assertThat(answer(b().isLocked(key("l")))).isTrue();

    answer(a().releaseLock(key("l"), owner));
    assertThat(answer(a().isLocked(key("l")))).isFalse();
    assertThat(answer(b().isLocked(key("l")))).isFalse();
  }

  @Test
  void lockExpiresAfterItsTtl() {
    answer(a().acquireLock(key("l"), token(), SHORT_TTL));

    awaitUntil(() -> !answer(b().isLocked(key("l"))));
  }

  @Test
  void lockWithoutExpiryStays() {
    String owner = token();
    answer(a().acquireLock(key("l"), owner, null));

    stays(() -> answer(b().isLocked(key("l"))));
    assertThat(answer(b().acquireLock(key("l"), token(), LONG_TTL))).isNull();
    assertThat(answer(a().releaseLock(key("l"), owner))).isTrue();
  }

  @Test
  void exactlyOneOfManyConcurrentAcquirersGetsTheLock() throws Exception {
    List<Long> results = concurrently(50, i -> (i % 2 == 0 ? a() : b()).acquireLock(key("l"), token(), LONG_TTL));

    assertThat(results).filteredOn(Objects::nonNull).hasSize(1);
  }

  // ---- pools ---------------------------------------------------------------------------------

  @Test
  void poolHandsOutAtMostMaxSizeSlots() {
    String p = key("p");
    String first = answer(a().acquireSlot(p, token(), 2, LONG_TTL));
    String second = answer(b().acquireSlot(p, token(), 2, LONG_TTL));

    assertThat(first).isNotNull();
    assertThat(second).isNotNull().isNotEqualTo(first);
    assertThat(answer(a().acquireSlot(p, token(), 2, LONG_TTL))).isNull();
    assertThat(answer(a().poolSize(p, 2))).isEqualTo(2);
    assertThat(answer(b().poolSize(p, 2))).isEqualTo(2);
  }

  @Test
  void releasingASlotLetsTheNextOneIn() {
    String p = key("p");
    String first = answer(a().acquireSlot(p, token(), 2, LONG_TTL));
    answer(b().acquireSlot(p, token(), 2, LONG_TTL));

    assertThat(answer(b().releaseSlot(p, first))).isTrue();
    assertThat(answer(a().poolSize(p, 2))).isEqualTo(1);
    assertThat(answer(b().releaseSlot(p, first))).isFalse();

    assertThat(answer(b().acquireSlot(p, token(), 2, LONG_TTL))).isNotNull();
    assertThat(answer(a().poolSize(p, 2))).isEqualTo(2);
  }

  @Test
  void releaseOfAnUnknownSlotIsFalse() {
    String p = key("p");
    answer(a().acquireSlot(p, token(), 2, LONG_TTL));

    assertThat(answer(a().releaseSlot(p, "no-such-slot"))).isFalse();
    assertThat(answer(a().releaseSlot(p, "0:" + token()))).isFalse();
    assertThat(answer(a().releaseSlot(key("no-pool"), "0:" + token()))).isFalse();
    assertThat(answer(a().poolSize(p, 2))).isEqualTo(1);
  }

  @Test
  void emptyPoolHasSizeZero() {
    assertThat(answer(a().poolSize(key("no-pool"), 3))).isZero();
  }

  @Test
  void expiredSlotIsFreedAndItsOldIdReleasesNothing() {
    String p = key("p");
    String expired = answer(a().acquireSlot(p, token(), 1, SHORT_TTL));
    assertThat(expired).isNotNull();
    assertThat(answer(b().acquireSlot(p, token(), 1, LONG_TTL))).isNull();

    String[] next = new String[1];
    awaitUntil(() -> (next[0] = answer(b().acquireSlot(p, token(), 1, LONG_TTL))) != null);

    assertThat(answer(a().releaseSlot(p, expired))).isFalse();
    assertThat(answer(a().poolSize(p, 1))).isEqualTo(1);
    assertThat(answer(b().releaseSlot(p, next[0]))).isTrue();
    assertThat(answer(a().poolSize(p, 1))).isZero();
  }

  @Test
  void exactlyMaxSizeOfManyConcurrentAcquirersGetASlot() throws Exception {
    String p = key("p");
    List<String> slots = concurrently(50, i -> (i % 2 == 0 ? a() : b()).acquireSlot(p, token(), 3, LONG_TTL));

    assertThat(slots).filteredOn(Objects::nonNull).hasSize(3).doesNotHaveDuplicates();
    assertThat(answer(a().poolSize(p, 3))).isEqualTo(3);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Starts {@code n} calls from several threads at once and collects their answers. */
  private static <T> List<T> concurrently(int n, IntFunction<Future<T>> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<T>>> started = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<Future<T>> task = () -> {
          start.await();
          return call.apply(index);
        };
        started.add(threads.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (java.util.concurrent.Future<Future<T>> f : started) {
        results.add(answer(f.get(5, TimeUnit.SECONDS)));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void awaitUntil(Callable<Boolean> condition) {
    await().atMost(WAIT_MAX).pollInterval(POLL).until(condition);
  }

  /** Holds until well after a {@link #SHORT_TTL} would have run out: it did not expire. */
  private void stays(Callable<Boolean> condition) {
    Duration hold = SHORT_TTL.plus(expiryLag()).plusMillis(400);
    await().during(hold).atMost(hold.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(condition);
  }
}
