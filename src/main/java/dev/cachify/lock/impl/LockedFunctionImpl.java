package dev.cachify.lock.impl;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.LockedFunction;
import io.vertx.core.Future;

import java.util.Map;

/** {@link LockedFunction}: acquire the arguments' lock, run, release. */
final class LockedFunctionImpl<R> implements LockedFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;

  LockedFunctionImpl(Fn<R> fn, KeyTemplate keys, Locker locker, LockSettings settings) {
    this.fn = fn;
    this.keys = keys;
    this.locker = locker;
    this.settings = settings;
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
  public Future<Boolean> isLocked(Object... args) {
    return locker.isLocked(keyFor(args));
  }

  @Override
  public Future<Void> release(Object... args) {
    return locker.delete(keyFor(args));
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    return locker.acquire(keys.format(args), settings, true)
      .compose(handle -> fn.invoke(args).eventually(handle::endScope));
  }
}
