package dev.cachify.lock.impl;

import dev.cachify.Ttl;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.lock.LockHandle;
import dev.cachify.lock.OnceFunction;
import io.vertx.core.Future;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@link OnceFunction}: one non-waiting attempt; a refusal answers the fallback, anything else
 * (the body's errors, lock errors it raised included) is the body's outcome.
 */
final class OnceFunctionImpl<R> implements OnceFunction<R> {

  private final Params params;
  private final BiFunction<Args, LockHandle, Future<R>> body;
  /** The template, as the metrics name the wrapper. */
  private final String name;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;
  private final Fallback<R> onLocked;

  OnceFunctionImpl(Params params, BiFunction<Args, LockHandle, Future<R>> body, String name, KeyTemplate keys,
                   Locker locker, Ttl exp, Fallback<R> onLocked) {
    this.params = params;
    this.body = body;
    this.name = name;
    this.keys = keys;
    this.locker = locker;
    this.settings = new LockSettings(exp);
    this.onLocked = onLocked;
  }

  @Override
  public Future<R> call(Object... args) {
    return call(params.bind(args));
  }

  @Override
  public Future<R> callNamed(Map<String, ?> args) {
    return call(params.bind(args));
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
    return keys.format(params.bind(args));
  }

  private Future<R> call(Args args) {
    String key = keys.format(args);
    return locker.acquire(key, settings, true).transform(acquired -> {
      if (acquired.succeeded()) {
        LockHandleImpl lock = acquired.result();
        return body.apply(args, lock).eventually(lock::endScope);
      }
      if (acquired.cause() instanceof CachifyLockException) {
        locker.metrics().onceRefused(name);
        return onLocked.answerAsync(args, () -> new CachifyLockException(key));
      }
      return Future.failedFuture(acquired.cause());
    });
  }
}
