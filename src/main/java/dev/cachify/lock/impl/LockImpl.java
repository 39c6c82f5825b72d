package dev.cachify.lock.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.Ttl;
import dev.cachify.impl.Guarded;
import dev.cachify.lock.Lock;
import dev.cachify.lock.LockHandle;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link Lock} over a {@link Locker}: the settings it collects, then its acquisitions. */
final class LockImpl implements Lock {

  private final Locker locker;
  private final String key;
  private final LockSettings settings;

  LockImpl(Locker locker, String key, Ttl defaultExp) {
    this.locker = locker;
    this.key = key;
    this.settings = new LockSettings(defaultExp);
  }

  @Override
  public Lock nowait(boolean nowait) {
    settings.nowait(nowait);
    return this;
  }

  @Override
  public Lock timeout(Duration timeout) {
    settings.timeout(timeout);
    return this;
  }

  @Override
  public Lock exp(Ttl exp) {
    settings.exp(exp);
    return this;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Future<LockHandle> acquire() {
    return locker.acquire(key, settings, false).map(handle -> handle);
  }

  @Override
  public LockHandle handle(String token) {
    return locker.handle(key, Objects.requireNonNull(token, "token"));
  }

  @Override
  public Future<Boolean> isLocked() {
    return locker.isLocked(key);
  }

  @Override
  public <T> Future<T> withLock(Supplier<Future<T>> body) {
    return locker.acquire(key, settings, true).compose(handle -> Guarded.run(body).eventually(handle::endScope));
  }

  @Override
  public <T> Future<T> withLock(Function<LockHandle, Future<T>> body) {
    return locker.acquire(key, settings, true)
      .compose(handle -> Guarded.run(() -> body.apply(handle)).eventually(handle::endScope));
  }

  @Override
  public LockHandle acquireBlocking() {
    return Blocking.await(acquire());
  }

  @Override
  public boolean isLockedBlocking() {
    return Blocking.await(isLocked());
  }

  @Override
  public <T> T withLockBlocking(Supplier<T> body) {
    LockHandleImpl handle = Blocking.await(locker.acquire(key, settings, true));
    try {
      return body.get();
    } finally {
      Blocking.await(handle.endScope());
    }
  }
}
