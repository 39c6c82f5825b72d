package dev.cachify.lock;

import dev.cachify.Blocking;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.key.impl.KeyTemplate;

import java.util.Map;

/** The blocking form of {@link LockedFunction}: the body runs on the caller's thread. */
public final class BlockingLockedFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;

  BlockingLockedFunction(BlockingFn<R> fn, KeyTemplate keys, Locker locker, LockSettings settings) {
    this.fn = fn;
    this.keys = keys;
    this.locker = locker;
    this.settings = settings;
  }

  public R call(Object... args) {
    return call(fn.params().bind(args));
  }

  public R callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  public boolean isLocked(Object... args) {
    return Blocking.await(locker.store().isLocked(keyFor(args)));
  }

  public void release(Object... args) {
    Blocking.await(locker.store().delete(keyFor(args)));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    LockHandle handle = Blocking.await(locker.acquire(keys.format(args), settings));
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(handle.release());
    }
  }
}
