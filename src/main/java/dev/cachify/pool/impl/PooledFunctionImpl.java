package dev.cachify.pool.impl;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.pool.PoolFullException;
import dev.cachify.pool.PooledFunction;
import io.vertx.core.Future;

import java.util.Map;

/** {@link PooledFunction}: take a slot of the arguments' pool, run, free it; full: the fallback. */
final class PooledFunctionImpl<R> implements PooledFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final PoolSpec spec;
  private final Fallback<R> onFull;

  PooledFunctionImpl(Fn<R> fn, KeyTemplate keys, PoolSpec spec, Fallback<R> onFull) {
    this.fn = fn;
    this.keys = keys;
    this.spec = spec;
    this.onFull = onFull;
  }

  @Override
  public Future<R> call(Object... args) {
    return call(fn.params().bind(args));
  }

  @Override
  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  @Override
  public Future<Integer> size(Object... args) {
    return spec.size(keyFor(args));
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    String key = keys.format(args);
    return spec.tryAcquire(key, true).compose(slot -> slot == null
      ? onFull.answerAsync(args, () -> new PoolFullException(key, spec.maxSize()))
      : fn.invoke(args).eventually(slot::endScope));
  }
}
