package dev.cachify.cache.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;

import java.util.Map;

/**
 * A {@link BlockingCachedFunction}: the Future-based routine ({@link ReadThrough}), waited for on
 * the caller's thread, which also runs the function when the routine asks for a load
 * ({@link CallerRunsLoad}).
 */
final class BlockingCachedFunctionImpl<R> implements BlockingCachedFunction<R> {

  private final BlockingFn<R> fn;
  private final Params params;
  private final KeyTemplate keys;
  private final ReadThrough<R> readThrough;

  BlockingCachedFunctionImpl(BlockingFn<R> fn, KeyTemplate keys, ReadThrough<R> readThrough) {
    this.fn = fn;
    this.params = fn.params();
    this.keys = keys;
    this.readThrough = readThrough;
  }

  @Override
  public R call(Object... args) {
    Blocking.checkMayBlock();
    return call(params.bind(args));
  }

  @Override
  public R callNamed(Map<String, ?> args) {
    Blocking.checkMayBlock();
    return call(params.bind(args));
  }

  @Override
  public void reset(Object... args) {
    Blocking.checkMayBlock();
    Blocking.await(readThrough.reset(keyFor(args)));
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(params.bind(args));
  }

  private R call(Args args) {
    CallerRunsLoad<R> load = new CallerRunsLoad<>(fn, args);
    return load.await(readThrough.get(keys.format(args), CallerRunsLoad::start, load));
  }
}
