package dev.cachify.cache;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.KeyTemplate;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A function whose results are cached under a key built from its arguments. Concurrent misses of
 * one key in this JVM run the function once (across every process sharing the store with
 * {@link CachedBuilder#clusterSingleFlight}); failures and (by default) null results are not
 * stored.
 *
 * <p>Once {@link #reset} has returned, no load that started before it stores its result, on any
 * node: a slow read of the old row cannot put the old value back after an update's reset. Such a
 * load still answers its own callers; loads started after the reset are cached as usual. (It
 * covers loads shorter than the entry's TTL, and shorter than an hour for entries that never
 * expire: that long the reset's marker stays in the store.)
 *
 * <p><b>When the store fails</b> ({@link StoreException}: unreachable, timed out), a call reads
 * through: it runs the function (one load per key in this JVM, as for a miss), answers its result
 * and stores nothing. The failure is counted ({@link StoreOutages}) and the outage logged once ({@code ObservedStore}).
 * {@link #reset} does not read through: it fails, since the entry it was to drop may still be there.
 *
 * <pre>{@code
 * CachedFunction<User> readUser = cachify.cached("read_user-{userId}")
 *     .ttl(Ttl.seconds(300)).codec(JsonCodec.of(User.class))
 *     .wrap(Fn.of("userId", (Long id) -> repository.find(id)));
 * readUser.call(1L);   // runs the function, stores the user
 * readUser.reset(1L);  // drops exactly that entry; loads already running will not store
 * }</pre>
 */
public final class CachedFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final CacheEntries<R> entries;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private final CacheMeter meter;
  /** One load per miss across the processes sharing the store; {@code null} when off. */
  private final ClusterSingleFlight clusterFlight;

  CachedFunction(Fn<R> fn, KeyTemplate keys, CacheEntries<R> entries, SingleFlight singleFlight,
                 StoreOutages outages, CacheMeter meter, ClusterSingleFlight clusterFlight) {
    this.fn = fn;
    this.keys = keys;
    this.entries = entries;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.meter = meter;
    this.clusterFlight = clusterFlight;
  }

  /** The cached result for these positional arguments, running the function on a miss. */
  public Future<R> call(Object... args) {
    if (args == null || args.length != fn.params().size()) {
      return call(fn.params().bind(args)); // defaults to fill in, or a wrong count to report
    }
    // Hot path: the key straight from the arguments; Args only when the function must run.
    String key = keys.formatPositional(args);
    return answerOrLoad(key, entries.read(key), args, null);
  }

  /** The same, with arguments by parameter name. */
  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  /**
   * Drops the entry these arguments map to (an absent entry is fine) and, once the returned future
   * succeeded, no load that started before stores its result, and no call through the same
   * {@code Cachify} instance joins one.
   */
  public Future<Void> reset(Object... args) {
    String key = keyFor(args);
    return entries.reset(key).map(done -> {
      singleFlight.forget(key);
      if (clusterFlight != null) {
        clusterFlight.forget(key); // a load holding the cluster's load lock will not store: let the next one in
      }
      return done;
    });
  }

  /**
   * Like {@link #call}, but answers the entry's encoded bytes without decoding them: for handlers
   * that pass the value on as it is (the JSON codec's bytes straight to an HTTP client). A hit
   * answers the stored bytes unchecked; a miss loads, stores and answers the encoding; a null
   * result answers {@code null}.
   */
  public Future<Buffer> callEncoded(Object... args) {
    Args bound;
    String key;
    try {
      bound = fn.params().bind(args);
      key = keys.format(bound);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return entries.readEncoded(key).compose(entry -> {
      if (entry != null) {
        meter.hit();
        return Future.succeededFuture(entry == CacheEntries.NULL ? null : (Buffer) entry);
      }
      meter.miss();
      return load(key, bound).map(this::encodeResult);
    }, failure -> readThrough(key, bound, failure).map(this::encodeResult));
  }

  private Buffer encodeResult(R value) {
    return value == null ? null : entries.encode(value);
  }

  /** The stored key for these arguments. */
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  @SuppressWarnings("unchecked")
  private Future<R> call(Args args) {
    String key;
    try {
      key = keys.format(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return answerOrLoad(key, entries.read(key), null, args);
  }

  /** The hit, or a load; {@code raw} or {@code bound} are the call's arguments. */
  private Future<R> answerOrLoad(String key, Future<Object> cached, Object[] raw, Args bound) {
    if (cached.succeeded()) {
      // A completed hit is answered without composing new futures.
      if (cached.result() == null) {
        meter.miss();
        return load(key, bound != null ? bound : fn.params().bind(raw));
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
      return load(key, bound != null ? bound : fn.params().bind(raw));
    }, failure -> readThrough(key, bound != null ? bound : fn.params().bind(raw), failure));
  }

  @SuppressWarnings("unchecked")
  private static <R> Future<R> answer(Future<Object> hit) {
    return hit.result() == CacheEntries.NULL ? Future.succeededFuture() : (Future<R>) (Future<?>) hit;
  }

  private Future<R> load(String key, Args args) {
    Supplier<Future<Object>> load = () -> entries.readRaw(key).compose(seen -> {
      Object entry = entries.decode(seen);
      if (entry != null) {
        return Future.succeededFuture(entry); // another loader filled it meanwhile
      }
      // Stored only over what was seen: a reset from now on leaves other bytes and wins.
      return timedInvoke(args).compose(value -> entries.write(key, seen, value).transform(stored -> {
        if (stored.failed() && !absorbed(stored.cause())) {
          return Future.failedFuture(stored.cause()); // a codec error is the caller's
        }
        return Future.succeededFuture(value == null ? CacheEntries.NULL : value);
      }));
    }, failure -> absorbed(failure) ? invoke(args) : Future.failedFuture(failure));
    // One leader per key in this JVM; with cluster single-flight, it loads in turn with the others.
    return singleFlight.run(key, clusterFlight == null ? load : () -> clusterFlight.run(key, entries, load),
      meter::coalesced).map(CacheEntries::unwrap);
  }

  /**
   * The store failed the read: run the function, one load per key in this JVM, and store nothing
   * (the store is failing, and a load that cannot compare with what it saw must not write).
   */
  private Future<R> readThrough(String key, Args args, Throwable failure) {
    if (!absorbed(failure)) {
      return Future.failedFuture(failure);
    }
    return singleFlight.run(key, () -> invoke(args), meter::coalesced).map(CacheEntries::unwrap);
  }

  private Future<Object> invoke(Args args) {
    return timedInvoke(args).map(value -> value == null ? CacheEntries.NULL : value);
  }

  private Future<R> timedInvoke(Args args) {
    long began = System.nanoTime();
    return fn.invoke(args).andThen(done -> meter.loaded(System.nanoTime() - began, done.failed()));
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
