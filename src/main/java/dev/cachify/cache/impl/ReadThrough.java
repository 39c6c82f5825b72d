package dev.cachify.cache.impl;

import dev.cachify.impl.Lifecycle;
import dev.cachify.codec.CodecException;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * The one hit / miss / load routine of a cached value, behind every form: a function's
 * {@code call}, {@code callNamed} and {@code callEncoded}, its blocking form, and
 * {@code CacheEntry.getOrLoad}.
 * <ol>
 *   <li>A hit answers the entry (decoded, or its bytes for {@link #getEncoded}).</li>
 *   <li>A miss loads once per key in this JVM ({@link SingleFlight}); the leader takes its turn
 *       across the processes sharing the store when cluster single-flight is on
 *       ({@link ClusterSingleFlight}), re-reads the entry (another loader may have stored it
 *       meanwhile, and the bytes it sees are what its write compares against), runs the loader,
 *       encodes the result once and stores those bytes only over the bytes it saw, so a reset
 *       wins. Every caller of the load is answered from that one outcome ({@link Loaded}): the
 *       value, or the very bytes stored.</li>
 *   <li>A store failure runs the loader (once per key in this JVM) and stores nothing.</li>
 * </ol>
 *
 * <p>A loader is given as a long-lived function and the call's input, apart, so that a hit
 * allocates nothing: only a miss applies the function to the input. A completed hit is answered
 * as the store's own future, without composing new ones.
 */
final class ReadThrough<R> {

  private static final Function<Loaded, Object> VALUE = loaded -> loaded.value;

  private final CacheEntries<R> entries;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private final CacheMeter meter;
  /** One load per miss across the processes sharing the store; {@code null} when off. */
  private final ClusterSingleFlight clusterFlight;
  /** The instance's state: every call on a closed instance fails with its closed error. */
  private final Lifecycle lifecycle;
  /** What {@link #getEncoded} answers of a load, made once so that a call allocates none. */
  private final Function<Loaded, Buffer> bytes = this::bytesOf;

  ReadThrough(CacheEntries<R> entries, SingleFlight singleFlight, StoreOutages outages, CacheMeter meter,
              ClusterSingleFlight clusterFlight, Lifecycle lifecycle) {
    this.entries = entries;
    this.lifecycle = lifecycle;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.meter = meter;
    this.clusterFlight = clusterFlight;
  }

  /** The value under {@code key}, decoded, or on a miss the one {@code loader.apply(input)} gives. */
  @SuppressWarnings("unchecked")
  <A> Future<R> get(String key, Function<? super A, Future<R>> loader, A input) {
    if (lifecycle.isClosed()) {
      return Future.failedFuture(lifecycle.closedError());
    }
    return answerOrLoad(key, entries.read(key), (Function<Loaded, R>) (Function<?, ?>) VALUE, loader, input);
  }

  /**
   * The bytes under {@code key} as stored (never decoded), or on a miss the bytes the load stored;
   * {@code null} for a null result.
   */
  <A> Future<Buffer> getEncoded(String key, Function<? super A, Future<R>> loader, A input) {
    if (lifecycle.isClosed()) {
      return Future.failedFuture(lifecycle.closedError());
    }
    return answerOrLoad(key, entries.readEncoded(key), bytes, loader, input);
  }

  /**
   * The hit in {@code cached} (a read of {@code key}: an entry, {@link CacheEntries#NULL}, or
   * {@code null} on a miss), or what {@code answer} makes of a load.
   */
  private <A, T> Future<T> answerOrLoad(String key, Future<Object> cached, Function<Loaded, T> answer,
                                        Function<? super A, Future<R>> loader, A input) {
    if (cached.succeeded()) {
      if (cached.result() == null) {
        meter.miss();
        return load(key, loader, input).map(answer);
      }
      meter.hit();
      return hit(cached);
    }
    return cached.compose(entry -> {
      if (entry != null) {
        meter.hit();
        return Future.succeededFuture(CacheEntries.unwrap(entry));
      }
      meter.miss();
      return load(key, loader, input).map(answer);
    }, failure -> readThrough(key, loader, input, failure).map(answer));
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> hit(Future<Object> cached) {
    return cached.result() == CacheEntries.NULL ? Future.succeededFuture() : (Future<T>) (Future<?>) cached;
  }

  /** The load of a missed {@code key}: one leader per key in this JVM, in turn with the cluster's. */
  private <A> Future<Loaded> load(String key, Function<? super A, Future<R>> loader, A input) {
    return singleFlight.run(key, () -> lead(key, loader, input), meter::coalesced);
  }

  /** This JVM's leader: loads in its turn across the cluster, or answers what another process stored. */
  private <A> Future<Loaded> lead(String key, Function<? super A, Future<R>> loader, A input) {
    if (clusterFlight == null) {
      return loadAndStore(key, loader, input);
    }
    return clusterFlight.turn(key, entries).compose(turn -> {
      if (turn.found() != null) {
        meter.coalesced(); // another process loaded it while this one waited
        return Future.succeededFuture(turn.found());
      }
      Future<Loaded> loaded;
      try {
        loaded = loadAndStore(key, loader, input);
      } catch (RuntimeException e) {
        loaded = Future.failedFuture(e);
      }
      // Callers are answered without waiting for the release: it is off their path.
      return loaded.andThen(done -> turn.close());
    });
  }

  /**
   * Re-reads the entry, then loads and stores over what it saw; a store failure on the re-read
   * runs the loader and stores nothing.
   */
  private <A> Future<Loaded> loadAndStore(String key, Function<? super A, Future<R>> loader, A input) {
    return entries.readRaw(key).compose(seen -> {
      Object entry = entries.decode(seen);
      if (entry != null) {
        return Future.succeededFuture(Loaded.found(entry, seen)); // another loader filled it meanwhile
      }
      return timedInvoke(loader, input).compose(value -> store(key, seen, value));
    }, failure -> absorbed(failure) ? invoke(loader, input) : Future.failedFuture(failure));
  }

  /**
   * Encodes {@code value} once and stores those bytes only over what was {@code seen}: a reset
   * from the miss on leaves other bytes and wins. Answers the value with the bytes; a value the
   * codec refuses fails the call (nothing stored), a store failure is answered through.
   */
  private Future<Loaded> store(String key, Buffer seen, R value) {
    Buffer encoded;
    try {
      encoded = value == null ? null : entries.encodeFor(key, value);
    } catch (CodecException e) {
      return Future.failedFuture(e);
    }
    Loaded loaded = value == null ? Loaded.NULL : new Loaded(value, encoded);
    return entries.write(key, seen, encoded).transform(stored -> {
      if (stored.failed() && !absorbed(stored.cause())) {
        return Future.failedFuture(stored.cause());
      }
      return Future.succeededFuture(loaded);
    });
  }

  /**
   * The store failed the read: run the loader, one load per key in this JVM, and store nothing
   * (the store is failing, and a load that cannot compare with what it saw must not write).
   */
  private <A> Future<Loaded> readThrough(String key, Function<? super A, Future<R>> loader, A input,
                                         Throwable failure) {
    if (!absorbed(failure)) {
      return Future.failedFuture(failure);
    }
    return singleFlight.run(key, () -> invoke(loader, input), meter::coalesced);
  }

  /**
   * Drops the entry under {@code key}; once the future succeeded, no load that started before
   * stores, and no later call joins one (see {@link #forget}).
   */
  Future<Void> reset(String key) {
    if (lifecycle.isClosed()) {
      return Future.failedFuture(lifecycle.closedError());
    }
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

  /** The bytes a load stored or found; a value it did not store (a read-through) is encoded now, once. */
  @SuppressWarnings("unchecked")
  private Buffer bytesOf(Loaded loaded) {
    if (loaded.bytes != null || loaded.value == null) {
      return loaded.bytes;
    }
    return entries.encode((R) loaded.value);
  }

  private <A> Future<Loaded> invoke(Function<? super A, Future<R>> loader, A input) {
    return timedInvoke(loader, input).map(Loaded::unencoded);
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
