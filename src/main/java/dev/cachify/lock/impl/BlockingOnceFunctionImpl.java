package dev.cachify.lock.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.Ttl;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.BlockingOnceFunction;
import dev.cachify.lock.CachifyLockException;

import java.util.Map;

/** {@link BlockingOnceFunction}: the body runs on the caller's thread. */
final class BlockingOnceFunctionImpl<R> implements BlockingOnceFunction<R> {

  private final BlockingFn<R> fn;
  /** The template, as the metrics name the wrapper. */
  private final String name;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;
  private final Fallback<R> onLocked;

  BlockingOnceFunctionImpl(BlockingFn<R> fn, String name, KeyTemplate keys, Locker locker, Ttl exp,
                           Fallback<R> onLocked) {
    this.fn = fn;
    this.name = name;
    this.keys = keys;
    this.locker = locker;
    this.settings = new LockSettings(exp);
    this.onLocked = onLocked;
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
    String key = keys.format(args);
    LockHandleImpl lock;
    try {
      lock = Blocking.await(locker.acquire(key, settings, true));
    } catch (CachifyLockException held) {
      locker.metrics().onceRefused(name);
      return onLocked.answer(args, () -> new CachifyLockException(key));
    }
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(lock.endScope());
    }
  }
}
