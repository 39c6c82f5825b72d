package dev.cachify.cache.impl;

import dev.cachify.CachifyException;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One blocking call's load, run on the calling thread. {@link ReadThrough} asks for the load from
 * whichever thread its store answered on (an event loop, with Redis or Hazelcast); the caller,
 * which waits for the call's outcome anyway, runs the function when asked and goes back to
 * waiting. So the blocking form goes through the one read-through routine, and its function never
 * runs on an event loop. Made on the caller's thread, one per call.
 */
final class CallerRunsLoad<R> {

  private final Thread caller = Thread.currentThread();
  private final BlockingFn<R> fn;
  private final Args args;
  /** Guarded by this: loads asked for and not yet run, whether the outcome is in, whether the caller left. */
  private final Queue<Promise<R>> asked = new ArrayDeque<>(1);
  private boolean outcomeIn;
  private boolean left;

  CallerRunsLoad(BlockingFn<R> fn, Args args) {
    this.fn = fn;
    this.args = args;
  }

  /** The routine's loader: runs the function at once on the caller's thread, else hands it over. */
  static <R> Future<R> start(CallerRunsLoad<R> load) {
    return load.runOrHandOver();
  }

  private Future<R> runOrHandOver() {
    if (Thread.currentThread() == caller) {
      return invoke();
    }
    Promise<R> promise = Promise.promise();
    synchronized (this) {
      if (!left) {
        asked.add(promise);
        notifyAll();
        return promise.future();
      }
    }
    return Future.failedFuture(new CachifyException("the blocking caller stopped waiting before its function could run"));
  }

  /**
   * Waits for {@code outcome}, running the loads the routine hands over meanwhile, and answers it:
   * its value, or its failure rethrown as it is (wrapped in a {@link CachifyException} when
   * checked).
   */
  R await(Future<R> outcome) {
    if (!outcome.isComplete()) {
      outcome.onComplete(done -> {
        synchronized (this) {
          outcomeIn = true;
          notifyAll();
        }
      });
      Promise<R> next;
      while ((next = nextAsked()) != null) {
        next.handle(invoke()); // outside the lock: the routine goes on from here on this thread
      }
    }
    if (outcome.succeeded()) {
      return outcome.result();
    }
    Throwable cause = outcome.cause();
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new CachifyException(String.valueOf(cause.getMessage()), cause);
  }

  /** The next load to run, or {@code null} once the outcome is in. */
  private synchronized Promise<R> nextAsked() {
    while (asked.isEmpty() && !outcomeIn) {
      try {
        wait();
      } catch (InterruptedException e) {
        left = true;
        CachifyException stopped = new CachifyException("interrupted while waiting for the store", e);
        for (Promise<R> promise : asked) {
          promise.fail(stopped); // whoever joined this load hears why it ended
        }
        asked.clear();
        Thread.currentThread().interrupt();
        throw stopped;
      }
    }
    if (asked.isEmpty()) {
      left = true;
      return null;
    }
    return asked.poll();
  }

  private Future<R> invoke() {
    try {
      return Future.succeededFuture(fn.invoke(args));
    } catch (RuntimeException | Error e) {
      return Future.failedFuture(e);
    }
  }
}
