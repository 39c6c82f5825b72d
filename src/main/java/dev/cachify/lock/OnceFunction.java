package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.key.KeyTemplate;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Map;
import java.util.UUID;

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

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final Store store;
  private final Ttl exp;
  private final Fallback<R> onLocked;

  OnceFunction(Fn<R> fn, KeyTemplate keys, Store store, Ttl exp, Fallback<R> onLocked) {
    this.fn = fn;
    this.keys = keys;
    this.store = store;
    this.exp = exp;
    this.onLocked = onLocked;
  }

  public Future<R> call(Object... args) {
    return call(fn.params().bind(args));
  }

  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  /** True while a call with these arguments runs. */
  public Future<Boolean> isLocked(Object... args) {
    return store.isLocked(keyFor(args));
  }

  /** Frees the key whoever holds it: an operator's override, like py-cachify's {@code release}. */
  public Future<Void> release(Object... args) {
    return store.delete(keyFor(args));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    String key = keys.format(args);
    String token = UUID.randomUUID().toString();
    return store.acquireLock(key, token, exp.duration()).compose(taken -> taken
      ? fn.invoke(args).eventually(() -> store.releaseLock(key, token))
      : onLocked.answerAsync(args, () -> new CachifyLockException(key)));
  }
}
