package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import io.vertx.core.Future;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * A function that runs only when no other call with the same key runs, anywhere the store
 * reaches; otherwise it answers its {@link Fallback} at once. The lock is released when
 * the call ends, success or failure; an error the body raises (even a lock error) is the body's.
 *
 * <pre>{@code
 * OnceFunction<User> update = cachify.once("update-user-{userId}")
 *     .onLocked(Fallback.failing())
 *     .wrap(Fn.of("userId", "changes", (Long id, UserChanges c) -> repository.update(id, c)));
 * }</pre>
 */
public final class OnceFunction<R> {

  private final Params params;
  private final BiFunction<Args, LockHandle, Future<R>> body;
  /** The template, as the metrics name the wrapper. */
  private final String name;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;
  private final Fallback<R> onLocked;

  OnceFunction(Params params, BiFunction<Args, LockHandle, Future<R>> body, String name, KeyTemplate keys,
               Locker locker, Ttl exp, Fallback<R> onLocked) {
    this.params = params;
    this.body = body;
    this.name = name;
    this.keys = keys;
    this.locker = locker;
    this.settings = new LockSettings(exp);
    this.onLocked = onLocked;
  }

  public Future<R> call(Object... args) {
    return call(params.bind(args));
  }

  public Future<R> callNamed(Map<String, ?> args) {
    return call(params.bind(args));
  }

  /** True while a call with these arguments runs. */
  public Future<Boolean> isLocked(Object... args) {
    return locker.store().isLocked(keyFor(args));
  }

  /** Frees the key whoever holds it: an operator's override, like py-cachify's {@code release}. */
  public Future<Void> release(Object... args) {
    return locker.store().delete(keyFor(args));
  }

  public String keyFor(Object... args) {
    return keys.format(params.bind(args));
  }

  private Future<R> call(Args args) {
    String key = keys.format(args);
    return locker.acquire(key, settings).transform(acquired -> {
      if (acquired.succeeded()) {
        LockHandle lock = acquired.result();
        return body.apply(args, lock).eventually(lock::release);
      }
      if (acquired.cause() instanceof CachifyLockException) {
        locker.metrics().onceRefused(name);
      }
      return acquired.cause() instanceof CachifyLockException
        ? onLocked.answerAsync(args, () -> new CachifyLockException(key))
        : Future.failedFuture(acquired.cause());
    });
  }
}
