package dev.cachify.cache;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fn;
import dev.cachify.key.KeyTemplate;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A function whose results are cached under a key built from its arguments. Concurrent misses of
 * one key in this JVM run the function once; failures and (by default) null results are not
 * stored.
 *
 * <pre>{@code
 * CachedFunction<User> readUser = cachify.cached("read_user-{userId}")
 *     .ttl(Ttl.seconds(300)).codec(JsonCodec.of(User.class))
 *     .wrap(Fn.of("userId", (Long id) -> repository.find(id)));
 * readUser.call(1L);   // runs the function, stores the user
 * readUser.reset(1L);  // drops exactly that entry
 * }</pre>
 */
public final class CachedFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final Store store;
  private final CacheEntries<R> entries;
  private final SingleFlight singleFlight;

  CachedFunction(Fn<R> fn, KeyTemplate keys, Store store, CacheEntries<R> entries, SingleFlight singleFlight) {
    this.fn = fn;
    this.keys = keys;
    this.store = store;
    this.entries = entries;
    this.singleFlight = singleFlight;
  }

  /** The cached result for these positional arguments, running the function on a miss. */
  public Future<R> call(Object... args) {
    return call(fn.params().bind(args));
  }

  /** The same, with arguments by parameter name. */
  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  /** Drops the entry these arguments map to; an absent entry is fine. */
  public Future<Void> reset(Object... args) {
    return store.delete(keyFor(args));
  }

  /** The stored key for these arguments. */
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  @SuppressWarnings("unchecked")
  private Future<R> call(Args args) {
    String key;
    try {
      key = keys.format(args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<Object> cached = entries.read(key);
    if (cached.succeeded()) {
      // Hot path: a completed hit is answered without composing new futures.
      Object entry = cached.result();
      if (entry == null) {
        return load(key, args);
      }
      return entry == CacheEntries.NULL ? Future.succeededFuture() : (Future<R>) (Future<?>) cached;
    }
    return cached.compose(entry -> entry == null ? load(key, args) : Future.succeededFuture(CacheEntries.unwrap(entry)));
  }

  private Future<R> load(String key, Args args) {
    return singleFlight.run(key, () -> entries.read(key).compose(entry -> {
      if (entry != null) {
        return Future.succeededFuture(entry); // another loader filled it meanwhile
      }
      return fn.invoke(args).compose(value -> entries.write(key, value)
        .map(v -> value == null ? CacheEntries.NULL : value));
    })).map(CacheEntries::unwrap);
  }
}
