package dev.cachify.cache.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Coalesces concurrent loads of one key in this JVM: the first caller runs the load, the others
 * get its outcome. The entry is gone before the outcome is published, so a later miss starts a
 * fresh load rather than joining a finished one.
 */
final class SingleFlight {

  private final ConcurrentMap<String, Future<Object>> inFlight = new ConcurrentHashMap<>();

  /** Joins the load of {@code key} under way, or starts {@code load} as the leader. */
  Future<Object> run(String key, Supplier<Future<Object>> load) {
    return run(key, load, () -> { });
  }

  /** The same; {@code joined} runs when this caller joins a load under way instead of leading. */
  Future<Object> run(String key, Supplier<Future<Object>> load, Runnable joined) {
    Promise<Object> promise = Promise.promise();
    Future<Object> leader = inFlight.putIfAbsent(key, promise.future());
    if (leader != null) {
      joined.run();
      return leader;
    }
    Future<Object> outcome;
    try {
      outcome = load.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(result -> {
      inFlight.remove(key, promise.future());
      promise.handle(result);
    });
    return promise.future();
  }

  /**
   * For blocking callers: a promise to complete when this caller leads the load of {@code key},
   * or {@code null} when another caller leads (then {@link #current} is its outcome).
   */
  Promise<Object> lead(String key) {
    Promise<Object> promise = Promise.promise();
    return inFlight.putIfAbsent(key, promise.future()) == null ? promise : null;
  }

  /** Ends a blocking leader's load: removes the entry, then publishes the outcome. */
  void finish(String key, Promise<Object> promise, Object value, Throwable failure) {
    inFlight.remove(key, promise.future());
    if (failure != null) {
      promise.fail(failure);
    } else {
      promise.complete(value);
    }
  }

  /**
   * Detaches the load of {@code key} under way, if any: callers from now on start a fresh load;
   * those already waiting still get its outcome. A reset does this, so a call after it never
   * joins a load that started before it.
   */
  void forget(String key) {
    inFlight.remove(key);
  }

  /** The load of {@code key} under way, or {@code null}. */
  Future<Object> current(String key) {
    return inFlight.get(key);
  }
}
