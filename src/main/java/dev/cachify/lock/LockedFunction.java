package dev.cachify.lock;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A function that runs holding the lock its arguments map to (py-cachify's {@code @lock}),
 * waiting or failing as configured, and always releasing.
 *
 * <pre>{@code
 * LockedFunction<Integer> f = cachify.locked("job-{id}").nowait(false).timeout(Duration.ofSeconds(2))
 *     .wrap(Fn.of("id", (Integer id) -> runJob(id)));
 * }</pre>
 */
public final class LockedFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final Locker locker;
  private final LockSettings settings;

  LockedFunction(Fn<R> fn, KeyTemplate keys, Locker locker, LockSettings settings) {
    this.fn = fn;
    this.keys = keys;
    this.locker = locker;
    this.settings = settings;
  }

  public Future<R> call(Object... args) {
    return call(fn.params().bind(args));
  }

  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  public Future<Boolean> isLocked(Object... args) {
    return locker.store().isLocked(keyFor(args));
  }

  /** Frees the key whoever holds it: an operator's override, like py-cachify's {@code release}. */
  public Future<Void> release(Object... args) {
    return locker.store().delete(keyFor(args));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    return locker.acquire(keys.format(args), settings)
      .compose(handle -> fn.invoke(args).eventually(handle::release));
  }
}
