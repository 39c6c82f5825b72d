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

  private final ConcurrentMap<String, Future<Loaded>> inFlight = new ConcurrentHashMap<>();

  /**
   * Joins the load of {@code key} under way, or starts {@code load} as the leader; {@code joined}
   * runs when this caller joins a load under way instead of leading.
   */
  Future<Loaded> run(String key, Supplier<Future<Loaded>> load, Runnable joined) {
    Promise<Loaded> promise = Promise.promise();
    Future<Loaded> leader = inFlight.putIfAbsent(key, promise.future());
    if (leader != null) {
      joined.run();
      return leader;
    }
    Future<Loaded> outcome;
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
   * Detaches the load of {@code key} under way, if any: callers from now on start a fresh load;
   * those already waiting still get its outcome. A reset does this, so a call after it never
   * joins a load that started before it.
   */
  void forget(String key) {
    inFlight.remove(key);
  }
}
