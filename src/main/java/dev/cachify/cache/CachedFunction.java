package dev.cachify.cache;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.function.Function;

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
  private final CacheMeter meter;
  /** Hits, misses, loads and read-throughs, as {@link CacheEntry#getOrLoad} does them. */
  private final ReadThrough<R> readThrough;
  /** The loads, made once so that a hit allocates none: by positional arguments, or bound ones. */
  private final Function<Object[], Future<R>> byPosition;
  private final Function<Args, Future<R>> byArgs;

  CachedFunction(Fn<R> fn, KeyTemplate keys, CacheEntries<R> entries, SingleFlight singleFlight,
                 StoreOutages outages, CacheMeter meter, ClusterSingleFlight clusterFlight) {
    this.fn = fn;
    this.keys = keys;
    this.entries = entries;
    this.meter = meter;
    this.readThrough = new ReadThrough<>(entries, singleFlight, outages, meter, clusterFlight);
    this.byArgs = fn::invoke;
    this.byPosition = raw -> fn.invoke(fn.params().bind(raw));
  }

  /** The cached result for these positional arguments, running the function on a miss. */
  public Future<R> call(Object... args) {
    if (args == null || args.length != fn.params().size()) {
      return call(fn.params().bind(args)); // defaults to fill in, or a wrong count to report
    }
    // Hot path: the key straight from the arguments; Args only when the function must run.
    String key = keys.formatPositional(args);
    return readThrough.answerOrLoad(key, entries.read(key), byPosition, args);
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
    return readThrough.reset(keyFor(args));
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
      return readThrough.load(key, byArgs, bound).map(this::encodeResult);
    }, failure -> readThrough.readThrough(key, byArgs, bound, failure).map(this::encodeResult));
  }

  private Buffer encodeResult(R value) {
    return value == null ? null : entries.encode(value);
  }

  /** The stored key for these arguments. */
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    String key;
    try {
      key = keys.format(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return readThrough.answerOrLoad(key, entries.read(key), byArgs, args);
  }
}
