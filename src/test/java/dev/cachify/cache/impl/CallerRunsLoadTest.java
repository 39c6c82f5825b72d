package dev.cachify.cache.impl;

import dev.cachify.CachifyException;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Params;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A blocking call's function runs on the caller's thread even when the read-through routine asks
 * for it from another thread (the event loop a store's reply completes on), and a caller that is
 * interrupted leaves no load behind that nobody will run.
 */
class CallerRunsLoadTest {

  private final AtomicReference<Thread> ranOn = new AtomicReference<>();
  private final BlockingFn<String> fn = BlockingFn.of(Params.of("x"), args -> {
    ranOn.set(Thread.currentThread());
    return "ran " + args.get(0);
  });

  @Test
  void aLoadAskedForFromAnotherThreadRunsOnTheCaller() throws Exception {
    CallerRunsLoad<String> load = new CallerRunsLoad<>(fn, fn.params().bind(1));
    Promise<String> outcome = Promise.promise();
    Thread storeThread = new Thread(() -> CallerRunsLoad.start(load).onComplete(outcome));
    storeThread.start();

    assertThat(load.await(outcome.future())).isEqualTo("ran 1");
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    storeThread.join(5_000);
  }

  @Test
  void aLoadAskedForOnTheCallersOwnThreadRunsAtOnce() {
    CallerRunsLoad<String> load = new CallerRunsLoad<>(fn, fn.params().bind(2));
    Future<String> outcome = CallerRunsLoad.start(load);
    assertThat(outcome.isComplete()).isTrue();
    assertThat(load.await(outcome)).isEqualTo("ran 2");
  }

  @Test
  void theFunctionsExceptionReachesTheCallerAsItWasThrown() {
    IllegalStateException boom = new IllegalStateException("boom");
    BlockingFn<String> failing = BlockingFn.of(Params.of(), args -> {
      throw boom;
    });
    CallerRunsLoad<String> load = new CallerRunsLoad<>(failing, failing.params().bind());
    assertThatThrownBy(() -> load.await(CallerRunsLoad.start(load))).isSameAs(boom);
  }

  @Test
  void anInterruptedCallerFailsItsLoadSoThoseWhoJoinedItHearWhy() throws Exception {
    CompletableFuture<Throwable> callerSaw = new CompletableFuture<>();
    CompletableFuture<CallerRunsLoad<String>> made = new CompletableFuture<>();
    Promise<String> outcome = Promise.promise();
    Thread caller = new Thread(() -> {
      CallerRunsLoad<String> load = new CallerRunsLoad<>(fn, fn.params().bind(3));
      made.complete(load);
      try {
        load.await(outcome.future());
        callerSaw.complete(null);
      } catch (RuntimeException e) {
        callerSaw.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt flag lost"));
      }
    });
    caller.start();
    CallerRunsLoad<String> load = made.get(5, TimeUnit.SECONDS);
    caller.interrupt();
    assertThat(callerSaw.get(5, TimeUnit.SECONDS)).isInstanceOf(CachifyException.class)
      .hasMessageContaining("interrupted");

    Future<String> late = CallerRunsLoad.start(load); // what the routine would ask after the caller left
    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).isInstanceOf(CachifyException.class);
    assertThat(ranOn.get()).isNull();
  }
}
