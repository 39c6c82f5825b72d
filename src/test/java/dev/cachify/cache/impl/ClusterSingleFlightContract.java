package dev.cachify.cache.impl;

import dev.cachify.Cachify;
import dev.cachify.CachifyClosedException;
import dev.cachify.CachifyOptions;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.store.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.given;

/**
 * Cluster single-flight on a real store seen from two nodes (two Vert.x instances, each with its
 * own {@link Cachify} and store client): concurrent misses of one key on both run the function
 * once. Loads end only when the test opens a gate, after every read was issued and the other
 * node's leader was seen waiting for the load lock, so the reads really overlap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterSingleFlightContract {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSingleFlightContract.class);
  static final int READS_PER_NODE = 250;

  private StoreFixture fixture;
  private LoadLockCountingStore storeA;
  private LoadLockCountingStore storeB;
  private Cachify a;
  private Cachify b;

  protected abstract StoreFixture createFixture();

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
  void newNodes() {
    String prefix = "SF-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    storeA = new LoadLockCountingStore(fixture.storeA());
    storeB = new LoadLockCountingStore(fixture.storeB());
    a = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(storeA).setPrefix(prefix));
    b = Cachify.create(fixture.vertxB(), new CachifyOptions().setStore(storeB).setPrefix(prefix));
  }

  @Test
  void fiveHundredConcurrentColdReadsOverTwoNodesRunTheFunctionOnce() {
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("user-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(gatedRead(runsA, gate.future(), "Ada"));
    CachedFunction<String> onB = b.cached("user-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(gatedRead(runsB, gate.future(), "Ada"));

    List<Future<String>> reads = new ArrayList<>(issueOn(fixture.vertxA(), READS_PER_NODE, () -> onA.call(1)));
    reads.addAll(issueOn(fixture.vertxB(), READS_PER_NODE, () -> onB.call(1)));
    // One node loads; the other's leader found the load lock held and waits.
    eventually(() -> runsA.get() + runsB.get() == 1
      && (runsA.get() == 1 ? storeB : storeA).refusedLoadLocks() >= 1);
    assertThat(reads).as("every read waits for the one load").noneMatch(Future::isComplete);

    long opened = System.nanoTime();
    gate.complete();
    await(Future.all(reads));
    long tookMillis = (System.nanoTime() - opened) / 1_000_000;

    assertThat(reads).allSatisfy(read -> assertThat(read.result()).isEqualTo("Ada"));
    assertThat(runsA.get() + runsB.get()).as("function calls for 500 reads on two nodes").isEqualTo(1);
    eventually(() -> !await(storeA.isLocked(ClusterSingleFlight.lockKey(onA.keyFor(1)))));
    // A waiter whose re-read came just before the store may take the lock after the release: its
    // load then re-reads under the lock, finds the value and runs nothing. So 1 or 2 locks.
    LOG.info("{}: {} reads on 2 nodes, {} function call(s) (A {}, B {}), {} load lock(s) taken, {} refused;"
        + " all answered {} ms after the load ended", fixture.name(), reads.size(), runsA.get() + runsB.get(),
      runsA.get(), runsB.get(), storeA.takenLoadLocks() + storeB.takenLoadLocks(),
      storeA.refusedLoadLocks() + storeB.refusedLoadLocks(), tookMillis);
  }

  /** The same reads without the option: each node runs the function, which the test above rules out. */
  @Test
  void withoutItEachNodeLoadsOnce() {
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("plain-{id}").as(String.class).wrap(gatedRead(runs, gate.future(), "Ada"));
    CachedFunction<String> onB = b.cached("plain-{id}").as(String.class).wrap(gatedRead(runs, gate.future(), "Ada"));

    List<Future<String>> reads = new ArrayList<>(issueOn(fixture.vertxA(), 50, () -> onA.call(1)));
    reads.addAll(issueOn(fixture.vertxB(), 50, () -> onB.call(1)));
    eventually(() -> runs.get() == 2);
    gate.complete();
    await(Future.all(reads));
    assertThat(runs).as("one load per node: in-JVM single flight only").hasValue(2);
  }

  @Test
  void aFailingLoaderFailsItsOwnCallersAndAWaiterLoadsAtOnce() {
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("fail-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(Fn.of("id", (Integer id) -> {
        runsA.incrementAndGet();
        return gate.future().compose(v -> Future.<String>failedFuture(new IllegalStateException("database down on A")));
      }));
    CachedFunction<String> onB = b.cached("fail-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(Fn.of("id", (Integer id) -> {
        runsB.incrementAndGet();
        return Future.succeededFuture("from B");
      }));

    List<Future<String>> readsA = issueOn(fixture.vertxA(), READS_PER_NODE, () -> onA.call(1));
    eventually(() -> runsA.get() == 1);
    List<Future<String>> readsB = issueOn(fixture.vertxB(), READS_PER_NODE, () -> onB.call(1));
    eventually(() -> storeB.refusedLoadLocks() >= 1);
    assertThat(readsB).noneMatch(Future::isComplete);

    long opened = System.nanoTime();
    gate.complete();
    await(Future.all(readsB));
    long tookMillis = (System.nanoTime() - opened) / 1_000_000;
    await(Future.join(readsA).recover(failed -> Future.succeededFuture()));

    assertThat(readsA).allSatisfy(read -> assertThat(read.cause()).hasMessage("database down on A"));
    assertThat(readsB).allSatisfy(read -> assertThat(read.result()).isEqualTo("from B"));
    assertThat(tookMillis).as("waiters woke on the release, not on the lock's expiry")
      .isLessThan(ClusterSingleFlight.DEFAULT_LOAD_TIMEOUT.toMillis() / 2);
    assertThat(runsA).hasValue(1);
    assertThat(runsB).as("one waiter loads after the failure").hasValue(1);
    assertThat(await(onA.call(1))).as("B's value was stored").isEqualTo("from B");
    assertThat(runsA).hasValue(1);
    LOG.info("{}: loader failed; the other node's 250 waiters answered by its own load {} ms later", fixture.name(), tookMillis);
  }

  @Test
  void aLoaderThatNeverFinishesHoldsTheOthersUpOnlyUntilItsLockExpires() {
    Duration loadTimeout = Duration.ofSeconds(1);
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> stuck = Promise.promise();
    CachedFunction<String> onA = a.cached("stuck-{id}").as(String.class).clusterSingleFlight(loadTimeout)
      .wrap(gatedRead(runsA, stuck.future(), "from A"));
    CachedFunction<String> onB = b.cached("stuck-{id}").as(String.class).clusterSingleFlight(loadTimeout)
      .wrap(Fn.of("id", (Integer id) -> {
        runsB.incrementAndGet();
        return Future.succeededFuture("from B");
      }));

    long started = System.nanoTime();
    Future<String> readA = onA.call(1);
    eventually(() -> runsA.get() == 1);
    Future<String> readB = onB.call(1);
    eventually(() -> storeB.refusedLoadLocks() >= 1);

    assertThat(await(readB)).isEqualTo("from B");
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(waitedMillis).as("B waited for A's lock to expire").isGreaterThanOrEqualTo(loadTimeout.toMillis());
    assertThat(waitedMillis).as("and not much longer").isLessThan(loadTimeout.toMillis() + 5_000);
    assertThat(readA.isComplete()).isFalse();
    assertThat(runsB).hasValue(1);

    stuck.complete(); // A's load ends at last: it answers its caller, and B's value stays
    assertThat(await(readA)).isEqualTo("from A");
    assertThat(await(onA.call(1))).isEqualTo("from B");
    assertThat(await(onB.call(1))).isEqualTo("from B");
    assertThat(runsA).hasValue(1);
    assertThat(runsB).hasValue(1);
    LOG.info("{}: loader stuck; the waiter loaded {} ms after the loader started (load lock {} ms)",
      fixture.name(), waitedMillis, loadTimeout.toMillis());
  }

  /**
   * A process waiting for another's load is let go by its instance's close, with the closed error,
   * instead of waiting out the load lock (the wait is {@code ReleaseWait}'s, closing with the instance).
   */
  @Test
  void aWaiterEndsWhenItsInstanceClosesInsteadOfWaitingOutTheLoadLock() {
    Duration loadTimeout = Duration.ofSeconds(30);
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> stuck = Promise.promise();
    CachedFunction<String> onA = a.cached("closing-{id}").as(String.class).clusterSingleFlight(loadTimeout)
      .wrap(gatedRead(runsA, stuck.future(), "from A"));
    CachedFunction<String> onB = b.cached("closing-{id}").as(String.class).clusterSingleFlight(loadTimeout)
      .wrap(gatedRead(runsB, Future.succeededFuture(), "from B"));

    Future<String> readA = onA.call(1);
    eventually(() -> runsA.get() == 1);
    Future<String> readB = onB.call(1);
    eventually(() -> storeB.refusedLoadLocks() >= 1);
    assertThat(readB.isComplete()).as("B waits for A's load").isFalse();

    long closing = System.nanoTime();
    await(b.close());
    Throwable ended = failureWithin(readB, Duration.ofSeconds(10));
    assertThat(ended).isInstanceOf(CachifyClosedException.class);
    assertThat((System.nanoTime() - closing) / 1_000_000).as("ended at the close, not at the lock's expiry")
      .isLessThan(loadTimeout.toMillis() / 3);
    assertThat(runsB).as("B never loaded").hasValue(0);

    stuck.complete();
    assertThat(await(readA)).isEqualTo("from A");
  }

  @Test
  void aResetOnTheWaitingNodeDuringTheLoadStillWins() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("row-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(Fn.of("id", (Integer id) -> {
        runsA.incrementAndGet();
        String seen = row.get(); // the row as it was when the load read it
        return gate.future().map(v -> seen);
      }));
    CachedFunction<String> onB = b.cached("row-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(currentRow(row, runsB));

    List<Future<String>> readsA = issueOn(fixture.vertxA(), READS_PER_NODE, () -> onA.call(1));
    eventually(() -> runsA.get() == 1);
    List<Future<String>> readsB = issueOn(fixture.vertxB(), READS_PER_NODE, () -> onB.call(1));
    eventually(() -> storeB.refusedLoadLocks() >= 1);
    row.set("new");
    await(onB.reset(1)); // the update's reset, on the node that waits
    gate.complete();

    await(Future.all(readsA));
    await(Future.all(readsB));
    assertThat(readsA).as("A's load read the old row").allSatisfy(read -> assertThat(read.result()).isEqualTo("old"));
    assertThat(readsB).as("B found A's result not stored, and loaded").allSatisfy(read ->
      assertThat(read.result()).isEqualTo("new"));
    assertThat(await(onA.call(1))).isEqualTo("new");
    assertThat(await(onB.call(1))).isEqualTo("new");
    assertThat(runsA).hasValue(1);
    assertThat(runsB).hasValue(1);
  }

  @Test
  void aResetOnTheLoadersNodeLetsTheNextLoaderInAtOnce() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("handover-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(Fn.of("id", (Integer id) -> {
        String seen = row.get();
        return runsA.incrementAndGet() == 1 ? gate.future().map(v -> seen) : Future.succeededFuture(seen);
      }));
    CachedFunction<String> onB = b.cached("handover-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(currentRow(row, runsB));

    List<Future<String>> readsA = issueOn(fixture.vertxA(), READS_PER_NODE, () -> onA.call(1));
    eventually(() -> runsA.get() == 1);
    List<Future<String>> readsB = issueOn(fixture.vertxB(), READS_PER_NODE, () -> onB.call(1));
    eventually(() -> storeB.refusedLoadLocks() >= 1);
    row.set("new");
    await(onA.reset(1)); // on the loader's node: its load will not store, so it stops holding others up

    await(Future.all(readsB));
    assertThat(readsB).allSatisfy(read -> assertThat(read.result()).isEqualTo("new"));
    assertThat(await(onA.call(1))).as("a call after the reset does not wait for the load before it").isEqualTo("new");
    assertThat(readsA).as("A's load is still held").noneMatch(Future::isComplete);

    gate.complete();
    await(Future.all(readsA));
    assertThat(readsA).allSatisfy(read -> assertThat(read.result()).isEqualTo("old"));
    assertThat(await(onA.call(1))).as("the old row was not stored").isEqualTo("new");
    assertThat(runsA.get() + runsB.get()).as("A's first load and one load after the reset").isEqualTo(2);
  }

  @Test
  void blockingCallersOnOneNodeWaitForTheOtherNodesLoad() throws Exception {
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<String> onA = a.cached("blocking-{id}").as(String.class).clusterSingleFlight(true)
      .wrap(gatedRead(runsA, gate.future(), "from A"));
    BlockingCachedFunction<String> onB = b.cached("blocking-{id}").as(String.class).clusterSingleFlight(true)
      .wrapBlocking(BlockingFn.of("id", (Integer id) -> {
        runsB.incrementAndGet();
        return "from B";
      }));

    List<Future<String>> readsA = issueOn(fixture.vertxA(), 50, () -> onA.call(1));
    eventually(() -> runsA.get() == 1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> readsB = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        readsB.add(threads.submit(() -> onB.call(1)));
      }
      eventually(() -> storeB.refusedLoadLocks() >= 1);
      gate.complete();
      await(Future.all(readsA));
      for (java.util.concurrent.Future<String> read : readsB) {
        assertThat(read.get(15, TimeUnit.SECONDS)).isEqualTo("from A");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(runsA).hasValue(1);
    assertThat(runsB).as("the blocking node read A's value").hasValue(0);
  }

  // ---- helpers ----

  /** A read that counts its calls and answers {@code value} when {@code gate} opens. */
  private static Fn<String> gatedRead(AtomicInteger runs, Future<Void> gate, String value) {
    return Fn.of("id", (Integer id) -> {
      runs.incrementAndGet();
      return gate.map(v -> value);
    });
  }

  private static Fn<String> currentRow(AtomicReference<String> row, AtomicInteger runs) {
    return Fn.of("id", (Integer id) -> {
      runs.incrementAndGet();
      return Future.succeededFuture(row.get());
    });
  }

  /** Issues {@code count} calls on an event loop of {@code node}, as its HTTP handlers would. */
  private static <T> List<Future<T>> issueOn(Vertx node, int count, Supplier<Future<T>> call) {
    Promise<List<Future<T>>> issued = Promise.promise();
    node.getOrCreateContext().runOnContext(v -> {
      List<Future<T>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        calls.add(call.get());
      }
      issued.complete(calls);
    });
    return await(issued.future());
  }

  private static void eventually(Callable<Boolean> condition) {
    given().pollInterval(Duration.ofMillis(5)).await().atMost(Duration.ofSeconds(10)).until(condition);
  }
}
