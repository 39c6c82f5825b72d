package dev.cachify.lock;

import dev.cachify.Blocking;
import dev.cachify.Ttl;
import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.BlockingFn;
import dev.cachify.key.KeyTemplate;
import dev.cachify.store.Store;

import java.util.Map;
import java.util.UUID;

/** The blocking form of {@link OnceFunction}: the body runs on the caller's thread. */
public final class BlockingOnceFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final Store store;
  private final Ttl exp;
  private final Fallback<R> onLocked;

  BlockingOnceFunction(BlockingFn<R> fn, KeyTemplate keys, Store store, Ttl exp, Fallback<R> onLocked) {
    this.fn = fn;
    this.keys = keys;
    this.store = store;
    this.exp = exp;
    this.onLocked = onLocked;
  }

  public R call(Object... args) {
    return call(fn.params().bind(args));
  }

  public R callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  public boolean isLocked(Object... args) {
    return Blocking.await(store.isLocked(keyFor(args)));
  }

  public void release(Object... args) {
    Blocking.await(store.delete(keyFor(args)));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    String key = keys.format(args);
    String token = UUID.randomUUID().toString();
    if (!Blocking.await(store.acquireLock(key, token, exp.duration()))) {
      return onLocked.answer(args, () -> new CachifyLockException(key));
    }
    try {
      return fn.invoke(args);
    } finally {
      Blocking.await(store.releaseLock(key, token));
    }
  }
}
