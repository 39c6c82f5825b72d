package dev.cachify.pool.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.pool.BlockingPooledFunction;
import dev.cachify.pool.PoolFullException;

import java.util.Map;

/** {@link BlockingPooledFunction}: the body runs on the caller's thread. */
final class BlockingPooledFunctionImpl<R> implements BlockingPooledFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final PoolSpec spec;
  private final Fallback<R> onFull;

  BlockingPooledFunctionImpl(BlockingFn<R> fn, KeyTemplate keys, PoolSpec spec, Fallback<R> onFull) {
    this.fn = fn;
    this.keys = keys;
    this.spec = spec;
    this.onFull = onFull;
  }

  @Override
  public R call(Object... args) {
    return call(fn.params().bind(args));
  }

  @Override
  public R callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  @Override
  public int size(Object... args) {
    return Blocking.await(spec.size(keyFor(args)));
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    String key = keys.format(args);
    PoolSlotImpl slot = Blocking.await(spec.tryAcquire(key, true));
    if (slot == null) {
      return onFull.answer(args, () -> new PoolFullException(key, spec.maxSize()));
    }
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(slot.endScope());
    }
  }
}
