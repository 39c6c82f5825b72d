package dev.cachify.impl;

import dev.cachify.CachifyClosedException;
import dev.cachify.store.ForwardingStore;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Awaitility.given;

/**
 * The one wait-for-release routine of lock waiters and cluster loads, on a real memory store: when
 * it attempts, watches, checks, sleeps and gives up; release notices wake it, the lock's remaining
 * life bounds its sleep, the backoff doubles, and the watch is closed however it ends.
 */
@ExtendWith(VertxExtension.class)
class ReleaseWaitTest {

  private static final String KEY = "wait-lock";

  private MemoryStore memory;
  private WatchCountingStore store;

  @BeforeEach
  void newStore() {
    memory = MemoryStore.create();
    store = new WatchCountingStore(memory, true);
  }

  @AfterEach
  void closeStore() {
    await(memory.close());
  }

  /** Attempts at the lock under {@link #KEY} with a token of their own; the fence when taken. */
  private Future<Long> take(Store on, List<Long> attemptTimes) {
    attemptTimes.add(System.nanoTime());
    return on.acquireLock(KEY, "waiter", Duration.ofSeconds(30));
  }

  @Test
  void aFreeLockIsTakenAtTheFirstAttemptWithoutAWatch(Vertx vertx) {
    List<Long> attempts = new CopyOnWriteArrayList<>();

    Long fence = await(ReleaseWait.<Long>forLock(vertx, store, KEY).attempt(() -> take(store, attempts)).start());

    assertThat(fence).isPositive();
    assertThat(attempts).hasSize(1);
    assertThat(store.opened).hasValue(0);
  }

  @Test
  void aRefusedAttemptWatchesThenRetriesAtOnceBeforeItsFirstSleep(Vertx vertx) {
    AtomicInteger attempts = new AtomicInteger();

    // The backoff is a minute: only the retry right after the watch can answer within the await.
    String answer = await(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> Future.succeededFuture(attempts.incrementAndGet() == 1 ? null : "taken"))
      .backoff(60_000, 60_000)
      .start());

    assertThat(answer).isEqualTo("taken");
    assertThat(attempts).hasValue(2);
    assertThat(store.opened).hasValue(1);
    assertThat(store.closed).as("the watch ends with the wait").hasValue(1);
  }

  @Test
  void aReleaseNoticeWakesTheWaiterLongBeforeItsTimer(Vertx vertx) {
    await(memory.acquireLock(KEY, "holder", Duration.ofMinutes(5)));
    List<Long> attempts = new CopyOnWriteArrayList<>();

    Future<Long> waiting = ReleaseWait.<Long>forLock(vertx, store, KEY)
      .attempt(() -> take(store, attempts))
      .sleepingUntilExpiry(60_000, 60_000) // the holder's lock lives 5 minutes
      .start();
    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 2 && store.opened.get() == 1);
    long releasedAt = System.nanoTime();
    await(memory.releaseLock(KEY, "holder"));

    assertThat(await(waiting)).isPositive();
    assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isLessThan(Duration.ofSeconds(5));
    assertThat(store.closed).hasValue(1);
  }

  @Test
  void withReleaseNoticesItSleepsTheLocksRemainingLifeToOutwaitADeadHolder(Vertx vertx) {
    await(memory.acquireLock(KEY, "dead holder", Duration.ofMillis(300))); // never released
    long start = System.nanoTime();

    Long fence = await(ReleaseWait.<Long>forLock(vertx, store, KEY)
      .attempt(() -> store.acquireLock(KEY, "waiter", Duration.ofSeconds(30)))
      .sleepingUntilExpiry(60_000, 60_000)
      .start());

    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(fence).isPositive();
    assertThat(waited).as("its lock's life, not the minute of backoff")
      .isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void withoutReleaseNoticesItPollsWithADoublingBackoff(Vertx vertx) {
    WatchCountingStore silent = new WatchCountingStore(memory, false);
    List<Long> attempts = new CopyOnWriteArrayList<>();

    String answer = await(ReleaseWait.<String>forLock(vertx, silent, KEY)
      .attempt(() -> {
        attempts.add(System.nanoTime());
        return Future.succeededFuture(attempts.size() < 7 ? null : "taken");
      })
      .sleepingUntilExpiry(20, 80) // no notices: the backoff, not the lock's life
      .start());

    assertThat(answer).isEqualTo("taken");
    // attempt, retry after the watch, then sleeps of 20, 40, 80, 80, 80 ms (timers never fire early).
    long[] least = {0, 0, 20, 40, 80, 80, 80};
    for (int i = 2; i < attempts.size(); i++) {
      assertThat(Duration.ofNanos(attempts.get(i) - attempts.get(i - 1)))
        .as("the sleep before attempt %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(least[i] - 1));
    }
  }

  @Test
  void atTheDeadlineItAnswersTheDeadlinesAnswerAfterALastAttemptNotBefore(Vertx vertx) {
    List<Long> attempts = new CopyOnWriteArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();

    String answer = await(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> {
        attempts.add(System.nanoTime());
        return Future.succeededFuture(null);
      })
      .backoff(50, 50)
      .deadline(deadline, () -> Future.succeededFuture("gave up"))
      .start());

    assertThat(answer).isEqualTo("gave up");
    assertThat(attempts.get(attempts.size() - 1) - deadline).as("the last attempt").isGreaterThanOrEqualTo(0);
    assertThat(attempts.size()).as("about one per 50 ms").isBetween(4, 10);
    assertThat(store.opened).hasValue(1);
    assertThat(store.closed).hasValue(1);
  }

  @Test
  void aDeadlineOfNowIsOneAttemptAndNoWatch(Vertx vertx) {
    AtomicInteger attempts = new AtomicInteger();

    Throwable refused = failure(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> {
        attempts.incrementAndGet();
        return Future.succeededFuture(null);
      })
      .deadline(System.nanoTime(), () -> Future.failedFuture(new IllegalStateException("held")))
      .start());

    assertThat(refused).hasMessage("held");
    assertThat(attempts).hasValue(1);
    assertThat(store.opened).hasValue(0);
  }

  @Test
  void theCheckRunsBeforeEveryRetryButNotTheFirstAttemptAndItsValueEndsTheWait(Vertx vertx) {
    List<String> steps = new CopyOnWriteArrayList<>();

    String answer = await(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> {
        steps.add("attempt");
        return Future.succeededFuture(null);
      })
      .beforeRetry(() -> {
        steps.add("check");
        return Future.succeededFuture(steps.stream().filter("check"::equals).count() < 3 ? null : "found");
      })
      .backoff(10, 200)
      .start());

    assertThat(answer).isEqualTo("found");
    assertThat(steps).containsExactly("attempt", "check", "attempt", "check", "attempt", "check");
    assertThat(store.closed).hasValue(1);
  }

  @Test
  void aFailedAttemptOrCheckFailsTheWaitAndClosesItsWatch(Vertx vertx) {
    AtomicInteger attempts = new AtomicInteger();
    Throwable attemptFailed = failure(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> attempts.incrementAndGet() == 1 ? Future.succeededFuture(null)
        : Future.failedFuture(new IllegalStateException("store down")))
      .start());
    Throwable checkThrew = failure(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> Future.succeededFuture(null))
      .beforeRetry(() -> {
        throw new IllegalArgumentException("bad entry");
      })
      .start());

    assertThat(attemptFailed).hasMessage("store down");
    assertThat(checkThrew).isInstanceOf(IllegalArgumentException.class).hasMessage("bad entry");
    assertThat(store.opened).hasValue(2);
    assertThat(store.closed).hasValue(2);
  }

  @Test
  void theInstancesCloseEndsAWaitAtOnceWithItsTimerAndWatchGone(Vertx vertx) {
    await(memory.acquireLock(KEY, "holder", Duration.ofMinutes(5)));
    Lifecycle lifecycle = new Lifecycle("closing-");
    List<Long> attempts = new CopyOnWriteArrayList<>();
    Future<Long> waiting = ReleaseWait.<Long>forLock(vertx, store, KEY)
      .attempt(() -> take(store, attempts))
      .sleepingUntilExpiry(60_000, 60_000)
      .closing(lifecycle)
      .start();
    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 2 && store.opened.get() == 1);

    lifecycle.close();

    assertThat(failureWithin(waiting, Duration.ofSeconds(2))).isInstanceOf(CachifyClosedException.class)
      .hasMessageContaining("is closed");
    assertThat(store.closed).as("its watch").hasValue(1);
    await(memory.releaseLock(KEY, "holder"));
    given().await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> attempts.size() == 2);
  }

  @Test
  void aWaitStartedAfterTheCloseFailsWithoutAnAttempt(Vertx vertx) {
    Lifecycle lifecycle = new Lifecycle("closed-");
    lifecycle.close();
    AtomicInteger attempts = new AtomicInteger();

    Throwable refused = failure(ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(() -> Future.succeededFuture(String.valueOf(attempts.incrementAndGet())))
      .closing(lifecycle)
      .start());

    assertThat(refused).isInstanceOf(CachifyClosedException.class);
    assertThat(attempts).hasValue(0);
  }

  @Test
  void aValueAnAttemptAnswersAfterTheCloseGoesToTheDiscardNotTheCaller(Vertx vertx) {
    Lifecycle lifecycle = new Lifecycle("late-");
    Promise<String> slowAttempt = Promise.promise();
    List<String> discarded = new CopyOnWriteArrayList<>();
    Future<String> waiting = ReleaseWait.<String>forLock(vertx, store, KEY)
      .attempt(slowAttempt::future)
      .closing(lifecycle)
      .onDiscard(discarded::add)
      .start();

    lifecycle.close();
    slowAttempt.complete("a lock nobody takes");

    assertThat(failure(waiting)).isInstanceOf(CachifyClosedException.class);
    assertThat(discarded).containsExactly("a lock nobody takes");
  }

  /** Counts the watches opened and closed; hides release notices when told to. */
  static final class WatchCountingStore extends ForwardingStore {

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final boolean notices;

    WatchCountingStore(Store delegate, boolean notices) {
      super(delegate);
      this.notices = notices;
    }

    @Override
    public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
      opened.incrementAndGet();
      Future<LockWatch> watch = notices ? delegate.watchReleases(key, onRelease) : Future.succeededFuture(LockWatch.NONE);
      return watch.map(registration -> new LockWatch() {
        @Override
        public boolean notifies() {
          return registration.notifies();
        }

        @Override
        public void close() {
          closed.incrementAndGet();
          registration.close();
        }
      });
    }
  }
}
