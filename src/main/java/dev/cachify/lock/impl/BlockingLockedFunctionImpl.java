package dev.cachify.lock.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.BlockingLockedFunction;

import java.util.Map;

/** {@link BlockingLockedFunction}: the body runs on the caller's thread. */
final class BlockingLockedFunctionImpl<R> implements BlockingLockedFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;

  BlockingLockedFunctionImpl(BlockingFn<R> fn, KeyTemplate keys, Locker locker, LockSettings settings) {
    this.fn = fn;
    this.keys = keys;
    this.locker = locker;
    this.settings = settings;
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
  public boolean isLocked(Object... args) {
    return Blocking.await(locker.isLocked(keyFor(args)));
  }

  @Override
  public void release(Object... args) {
    Blocking.await(locker.delete(keyFor(args)));
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    LockHandleImpl handle = Blocking.await(locker.acquire(keys.format(args), settings, true));
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(handle.endScope());
    }
  }
}
