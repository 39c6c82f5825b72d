package dev.cachify.pool;

import dev.cachify.Blocking;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.key.impl.KeyTemplate;

import java.util.Map;

/** The blocking form of {@link PooledFunction}: the body runs on the caller's thread. */
public final class BlockingPooledFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final PoolSpec spec;
  private final Fallback<R> onFull;

  BlockingPooledFunction(BlockingFn<R> fn, KeyTemplate keys, PoolSpec spec, Fallback<R> onFull) {
    this.fn = fn;
    this.keys = keys;
    this.spec = spec;
    this.onFull = onFull;
  }

  public R call(Object... args) {
    return call(fn.params().bind(args));
  }

  public R callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  public int size(Object... args) {
    return Blocking.await(spec.size(keyFor(args)));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    String key = keys.format(args);
    PoolSlot slot = Blocking.await(spec.tryAcquire(key));
    if (slot == null) {
      return onFull.answer(args, () -> new PoolFullException(key, spec.maxSize()));
    }
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(slot.release());
    }
  }
}
