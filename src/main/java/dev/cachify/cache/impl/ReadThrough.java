package dev.cachify.cache.impl;

import dev.cachify.metrics.CacheMeter;
import dev.cachify.store.StoreException;
import io.vertx.core.Future;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hit / miss / load routine of a cached value, shared by {@link CachedFunction} and
 * {@link CacheEntry#getOrLoad}: a hit answers the entry; a miss loads once per key in this JVM
 * (and once across the processes sharing the store with cluster single-flight), stores the result
 * only over the bytes the miss saw (so a reset wins) and answers it; a store failure runs the
 * loader and stores nothing.
 *
 * <p>A loader is given as a long-lived function and the call's input, apart, so that a hit
 * allocates nothing: only a miss applies the function to the input.
 */
final class ReadThrough<R> {

  private final CacheEntries<R> entries;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private final CacheMeter meter;
  /** One load per miss across the processes sharing the store; {@code null} when off. */
  private final ClusterSingleFlight clusterFlight;

  ReadThrough(CacheEntries<R> entries, SingleFlight singleFlight, StoreOutages outages, CacheMeter meter,
              ClusterSingleFlight clusterFlight) {
    this.entries = entries;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.meter = meter;
    this.clusterFlight = clusterFlight;
  }

  /** The hit in {@code cached} (a read of {@code key}), or a load by {@code loader.apply(input)}. */
  <A> Future<R> answerOrLoad(String key, Future<Object> cached, Function<? super A, Future<R>> loader, A input) {
    if (cached.succeeded()) {
      // A completed hit is answered without composing new futures.
      if (cached.result() == null) {
        meter.miss();
        return load(key, loader, input);
      }
      meter.hit();
      return answer(cached);
    }
    return cached.compose(entry -> {
      if (entry != null) {
        meter.hit();
        return Future.succeededFuture(CacheEntries.unwrap(entry));
      }
      meter.miss();
      return load(key, loader, input);
    }, failure -> readThrough(key, loader, input, failure));
  }

  @SuppressWarnings("unchecked")
  private static <R> Future<R> answer(Future<Object> hit) {
    return hit.result() == CacheEntries.NULL ? Future.succeededFuture() : (Future<R>) (Future<?>) hit;
  }

  /** The load of a missed {@code key}: one leader per key in this JVM, in turn with the cluster's. */
  <A> Future<R> load(String key, Function<? super A, Future<R>> loader, A input) {
    Supplier<Future<Object>> load = () -> entries.readRaw(key).compose(seen -> {
      Object entry = entries.decode(seen);
      if (entry != null) {
        return Future.succeededFuture(entry); // another loader filled it meanwhile
      }
      // Stored only over what was seen: a reset from now on leaves other bytes and wins.
      return timedInvoke(loader, input).compose(value -> entries.write(key, seen, value).transform(stored -> {
        if (stored.failed() && !absorbed(stored.cause())) {
          return Future.failedFuture(stored.cause()); // a codec error is the caller's
        }
        return Future.succeededFuture(value == null ? CacheEntries.NULL : value);
      }));
    }, failure -> absorbed(failure) ? invoke(loader, input) : Future.failedFuture(failure));
    return singleFlight.run(key, clusterFlight == null ? load : () -> clusterFlight.run(key, entries, load),
      meter::coalesced).map(CacheEntries::unwrap);
  }

  /**
   * The store failed the read: run the loader, one load per key in this JVM, and store nothing
   * (the store is failing, and a load that cannot compare with what it saw must not write).
   */
  <A> Future<R> readThrough(String key, Function<? super A, Future<R>> loader, A input, Throwable failure) {
    if (!absorbed(failure)) {
      return Future.failedFuture(failure);
    }
    return singleFlight.run(key, () -> invoke(loader, input), meter::coalesced).map(CacheEntries::unwrap);
  }

  /**
   * Drops the entry under {@code key}; once the future succeeded, no load that started before
   * stores, and no later call joins one (see {@link #forget}).
   */
  Future<Void> reset(String key) {
    return entries.reset(key).map(done -> {
      forget(key);
      return done;
    });
  }

  /** Detaches the loads of {@code key} in flight: later calls start their own. */
  void forget(String key) {
    singleFlight.forget(key);
    if (clusterFlight != null) {
      clusterFlight.forget(key); // a load holding the cluster's load lock will not store: let the next one in
    }
  }

  private <A> Future<Object> invoke(Function<? super A, Future<R>> loader, A input) {
    return timedInvoke(loader, input).map(value -> value == null ? CacheEntries.NULL : value);
  }

  /** Runs the loader; a thrown exception or a null future becomes a failed future. */
  private <A> Future<R> timedInvoke(Function<? super A, Future<R>> loader, A input) {
    long began = System.nanoTime();
    Future<R> result;
    try {
      result = loader.apply(input);
      if (result == null) {
        result = Future.failedFuture(new NullPointerException("the loader returned a null Future"));
      }
    } catch (RuntimeException | Error e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(done -> meter.loaded(System.nanoTime() - began, done.failed()));
  }

  /** Whether the call answers through {@code failure}: a store failure, counted (ObservedStore logs the outage). */
  private boolean absorbed(Throwable failure) {
    if (failure instanceof StoreException) {
      outages.failed();
      return true;
    }
    return false;
  }
}
