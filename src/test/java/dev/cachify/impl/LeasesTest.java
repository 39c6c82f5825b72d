package dev.cachify.impl;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Awaitility.given;

/**
 * The one scheduler of an instance's leases: a holding runs inside its window, holdings whose
 * windows overlap share a tick, an earlier holding brings the timer forward, an ended one never
 * runs, and the timer outlives the verticle that scheduled it.
 */
@ExtendWith(VertxExtension.class)
class LeasesTest {

  private static final long MS = 1_000_000;

  /** Records when it ran, and whether it was told to release at close. */
  private static class Recorder implements Leases.Holder {
    final List<Long> ranAt = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public void due(Leases.Lease lease) {
      ranAt.add(System.nanoTime());
    }

    @Override
    public Future<?> close() {
      closed.incrementAndGet();
      return Future.succeededFuture();
    }
  }

  @Test
  void aHoldingRunsOnceInsideItsWindowNeverBeforeIt(Vertx vertx) {
    Leases leases = new Leases(vertx);
    Recorder holder = new Recorder();
    long now = System.nanoTime();

    leases.hold(holder).schedule(now + 150 * MS, now + 200 * MS);

    await().atMost(Duration.ofSeconds(5)).until(() -> holder.ranAt.size() == 1);
    assertThat(holder.ranAt.get(0) - now).isGreaterThanOrEqualTo(150 * MS);
    given().await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> holder.ranAt.size() == 1);
    assertThat(leases.timersSet()).isEqualTo(1);
  }

  @Test
  void fiftyHoldingsWhoseWindowsOverlapShareOneTick(Vertx vertx) {
    Leases leases = new Leases(vertx);
    List<Recorder> holders = new CopyOnWriteArrayList<>();
    long base = System.nanoTime() + 200 * MS;
    for (int i = 0; i < 50; i++) {
      Recorder holder = new Recorder();
      holders.add(holder);
      long runBy = base + i * MS; // due one millisecond apart, each may run up to 60 ms early
      leases.hold(holder).schedule(runBy - 60 * MS, runBy);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> holders.stream().allMatch(h -> h.ranAt.size() == 1));
    assertThat(leases.timersSet()).as("one timer for the fifty").isEqualTo(1);
    assertThat(leases.scheduled()).isZero();
  }

  @Test
  void anEarlierHoldingBringsTheTimerForwardAndALaterOneWaitsForItsOwnTick(Vertx vertx) {
    Leases leases = new Leases(vertx);
    Recorder late = new Recorder();
    Recorder early = new Recorder();
    long now = System.nanoTime();

    leases.hold(late).schedule(now + 600 * MS, now + 600 * MS);
    leases.hold(early).schedule(now + 50 * MS, now + 50 * MS);

    await().atMost(Duration.ofSeconds(5)).until(() -> early.ranAt.size() == 1);
    assertThat(early.ranAt.get(0) - now).as("not at the later holding's time").isLessThan(500 * MS);
    assertThat(late.ranAt).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> late.ranAt.size() == 1);
    assertThat(late.ranAt.get(0) - now).isGreaterThanOrEqualTo(600 * MS);
    assertThat(leases.timersSet()).isEqualTo(3); // the late one's, the early one's, the late one's again
  }

  @Test
  void anEndedOrUnscheduledHoldingNeverRuns(Vertx vertx) {
    Leases leases = new Leases(vertx);
    Recorder ended = new Recorder();
    Recorder unscheduled = new Recorder();
    Recorder kept = new Recorder();
    long now = System.nanoTime();

    Leases.Lease endedLease = leases.hold(ended);
    endedLease.schedule(now + 100 * MS, now + 100 * MS);
    Leases.Lease unscheduledLease = leases.hold(unscheduled);
    unscheduledLease.schedule(now + 100 * MS, now + 100 * MS);
    leases.hold(kept).schedule(now + 200 * MS, now + 200 * MS);
    endedLease.end();
    unscheduledLease.unschedule();
    endedLease.schedule(now, now); // an ended lease takes no new schedule

    await().atMost(Duration.ofSeconds(5)).until(() -> kept.ranAt.size() == 1);
    assertThat(ended.ranAt).isEmpty();
    assertThat(unscheduled.ranAt).isEmpty();
  }

  @Test
  void aHoldingThatSchedulesItselfAgainRunsEveryPeriod(Vertx vertx) {
    Leases leases = new Leases(vertx);
    AtomicInteger runs = new AtomicInteger();
    Leases.Holder periodic = new Recorder() {
      @Override
      public void due(Leases.Lease lease) {
        if (runs.incrementAndGet() < 5) {
          long next = System.nanoTime() + 40 * MS;
          lease.schedule(next - 20 * MS, next);
        }
      }
    };
    long next = System.nanoTime() + 40 * MS;

    leases.hold(periodic).schedule(next - 20 * MS, next);

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 5);
    assertThat(leases.timersSet()).isEqualTo(5);
  }

  @Test
  void aHoldingThatThrowsIsEndedAndTheOthersStillRun(Vertx vertx) {
    Leases leases = new Leases(vertx);
    AtomicInteger thrown = new AtomicInteger();
    Recorder other = new Recorder();
    long now = System.nanoTime();
    Leases.Lease failing = leases.hold(new Recorder() {
      @Override
      public void due(Leases.Lease lease) {
        thrown.incrementAndGet();
        throw new IllegalStateException("boom");
      }
    });
    failing.schedule(now + 50 * MS, now + 50 * MS);
    leases.hold(other).schedule(now + 50 * MS, now + 50 * MS);

    await().atMost(Duration.ofSeconds(5)).until(() -> other.ranAt.size() == 1 && thrown.get() == 1);
    failing.schedule(System.nanoTime(), System.nanoTime());
    given().await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> thrown.get() == 1);
  }

  @Test
  void closeHasEveryHoldingReleaseOnceStopsTheTimerAndRefusesNewOnes(Vertx vertx) {
    Leases leases = new Leases(vertx);
    Recorder scheduled = new Recorder();
    Recorder unscheduled = new Recorder();
    Recorder ended = new Recorder();
    Recorder failing = new Recorder() {
      @Override
      public Future<?> close() {
        super.close();
        return Future.failedFuture(new IllegalStateException("store down"));
      }
    };
    long at = System.nanoTime() + 200 * MS;
    leases.hold(scheduled).schedule(at, at);
    leases.hold(unscheduled);
    leases.hold(failing);
    leases.hold(ended).end();

    assertThat(await(leases.close())).as("holdings released").isEqualTo(3);

    assertThat(scheduled.closed).hasValue(1);
    assertThat(unscheduled.closed).hasValue(1);
    assertThat(failing.closed).as("best effort: its failure does not fail the close").hasValue(1);
    assertThat(ended.closed).hasValue(0);
    assertThat(leases.hold(new Recorder())).isNull();
    assertThat(await(leases.close())).as("closing twice").isZero();
    given().await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> scheduled.ranAt.isEmpty());
    assertThat(leases.held()).isZero();
  }

  @Test
  void theTimerOutlivesTheVerticleThatScheduledIt(Vertx vertx) {
    Leases leases = new Leases(vertx);
    Recorder holder = new Recorder();
    AtomicReference<String> deployment = new AtomicReference<>();
    deployment.set(await(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        long at = System.nanoTime() + 300 * MS;
        leases.hold(holder).schedule(at, at); // from the verticle's own context
        return Future.succeededFuture();
      }
    })));

    await(vertx.undeploy(deployment.get()));

    await().atMost(Duration.ofSeconds(5)).until(() -> holder.ranAt.size() == 1);
  }
}
