package dev.cachify.cache.impl;

import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.metrics.CacheMeter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.function.Function;

/** A {@link CachedFunction}: its key template, entries and read-through routine. */
final class CachedFunctionImpl<R> implements CachedFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final CacheEntries<R> entries;
  private final CacheMeter meter;
  /** Hits, misses, loads and read-throughs, as {@link CacheEntry#getOrLoad} does them. */
  private final ReadThrough<R> readThrough;
  /** The loads, made once so that a hit allocates none: by positional arguments, or bound ones. */
  private final Function<Object[], Future<R>> byPosition;
  private final Function<Args, Future<R>> byArgs;

  CachedFunctionImpl(Fn<R> fn, KeyTemplate keys, CacheEntries<R> entries, SingleFlight singleFlight,
                 StoreOutages outages, CacheMeter meter, ClusterSingleFlight clusterFlight) {
    this.fn = fn;
    this.keys = keys;
    this.entries = entries;
    this.meter = meter;
    this.readThrough = new ReadThrough<>(entries, singleFlight, outages, meter, clusterFlight);
    this.byArgs = fn::invoke;
    this.byPosition = raw -> fn.invoke(fn.params().bind(raw));
  }

  @Override
  public Future<R> call(Object... args) {
    if (args == null || args.length != fn.params().size()) {
      return call(fn.params().bind(args)); // defaults to fill in, or a wrong count to report
    }
    // Hot path: the key straight from the arguments; Args only when the function must run.
    String key = keys.formatPositional(args);
    return readThrough.answerOrLoad(key, entries.read(key), byPosition, args);
  }

  @Override
  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  @Override
  public Future<Void> reset(Object... args) {
    return readThrough.reset(keyFor(args));
  }

  @Override
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

  @Override
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
