package dev.cachify.cache.impl;

import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.function.Function;

/**
 * A {@link CachedFunction}: binds a call's arguments, formats its key and hands both to the
 * {@link ReadThrough} routine. Arguments are checked (and widened) against the function's
 * declared parameter types before the key is formatted, so a hit and a miss see the same values.
 */
final class CachedFunctionImpl<R> implements CachedFunction<R> {

  private final Params params;
  private final KeyTemplate keys;
  private final ReadThrough<R> readThrough;
  /** The loads, made once so that a hit allocates none: by positional arguments, or bound ones. */
  private final Function<Object[], Future<R>> byPosition;
  private final Function<Args, Future<R>> byArgs;

  CachedFunctionImpl(Fn<R> fn, KeyTemplate keys, ReadThrough<R> readThrough) {
    this.params = fn.params();
    this.keys = keys;
    this.readThrough = readThrough;
    this.byArgs = fn::invoke;
    this.byPosition = raw -> fn.invoke(params.bind(raw));
  }

  @Override
  public Future<R> call(Object... args) {
    if (params.accepts(args)) {
      // Hot path: the values fit the parameters as they are, so the key comes straight from them;
      // Args only when the function must run.
      return readThrough.get(keys.formatPositional(args), byPosition, args);
    }
    Args bound;
    try {
      bound = params.bind(args); // defaults to fill in, numbers to widen, or a mismatch to report
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return call(bound);
  }

  @Override
  public Future<R> callNamed(Map<String, ?> args) {
    Args bound;
    try {
      bound = params.bind(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return call(bound);
  }

  @Override
  public Future<Buffer> callEncoded(Object... args) {
    if (params.accepts(args)) {
      return readThrough.getEncoded(keys.formatPositional(args), byPosition, args);
    }
    Args bound;
    String key;
    try {
      bound = params.bind(args);
      key = keys.format(bound);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return readThrough.getEncoded(key, byArgs, bound);
  }

  @Override
  public Future<Void> reset(Object... args) {
    String key;
    try {
      key = keyFor(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return readThrough.reset(key);
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(params.bind(args));
  }

  private Future<R> call(Args args) {
    String key;
    try {
      key = keys.format(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return readThrough.get(key, byArgs, args);
  }
}
