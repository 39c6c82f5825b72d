package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One cache entry by its key, for code that reads or writes what a {@code cached} function
 * stores without calling the function: the event-bus service, an admin tool, another service.
 * Reads and resets follow the {@code cached} rules (a reset leaves a tombstone that wins over loads
 * in flight; a stored null reads as a miss), and {@link #getOrLoad} reads through as a
 * {@code cached} function does.
 *
 * <pre>{@code
 * cachify.entry("read_user-5-cached").reset();   // what readUser.reset(5) does
 * }</pre>
 */
public final class CacheEntry<T> {

  private final String key;
  private final CacheEntries<T> entries;
  private final Ttl defaultTtl;
  private final EntryLoads loads;

  /**
   * {@code ttlJitter}: each write's TTL is up to that percentage shorter (0 = exactly the TTL);
   * {@code loads}: the instance's loads in flight, which {@link #getOrLoad} joins.
   */
  public CacheEntry(Store store, String key, Codec<T> codec, Ttl defaultTtl, int ttlJitter, EntryLoads loads) {
    this.key = Objects.requireNonNull(key, "key");
    this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
    this.loads = Objects.requireNonNull(loads, "loads");
    this.entries = new CacheEntries<>(store, codec, defaultTtl, null, TtlJitter.of(ttlJitter));
  }

  /** The stored key. */
  public String key() {
    return key;
  }

  /** The cached value, or {@code null} when absent, expired, reset or a stored null. */
  public Future<T> get() {
    return entries.read(key).map(CacheEntries::unwrap);
  }

  /** {@link #getOrLoad(Ttl, Supplier)} for the default cache TTL. */
  public Future<T> getOrLoad(Supplier<Future<T>> loader) {
    return getOrLoad(defaultTtl, loader);
  }

  /**
   * Read-through: the cached value, or on a miss the value {@code loader} answers, stored for
   * {@code ttl} (less the instance's TTL jitter) and answered. The rules of a {@code cached}
   * function hold:
   * <ul>
   *   <li>concurrent misses of the key run the loader once, in this JVM and across every process
   *       that shares the store (cluster single-flight, its load lock expiring after
   *       {@code CachifyOptions.getEntryLoadTimeout()});</li>
   *   <li>a failed load stores nothing and its error reaches the caller; a null result stores
   *       nothing and answers {@code null};</li>
   *   <li>a {@link #reset} wins over loads in flight: they answer their callers, store nothing,
   *       and calls after the reset start a fresh load;</li>
   *   <li>when the store fails, the loader runs and nothing is stored.</li>
   * </ul>
   *
   * <pre>{@code
   * Future<Object> rates = cachify.entry("rates-EUR")
   *     .getOrLoad(Ttl.seconds(60), () -> ratesClient.fetch("EUR"));
   * }</pre>
   */
  public Future<T> getOrLoad(Ttl ttl, Supplier<Future<T>> loader) {
    Objects.requireNonNull(ttl, "ttl (use Ttl.NEVER for no expiry)");
    Objects.requireNonNull(loader, "loader");
    return loads.readThrough(entries.withTtl(ttl)).answerOrLoad(key, entries.read(key), Supplier::get, loader);
  }

  /** Stores {@code value} for the default cache TTL, jittered as the instance says. */
  public Future<Void> set(T value) {
    return set(value, defaultTtl);
  }

  /**
   * Stores {@code value}, replacing what the key holds, expiring after {@code ttl} less the
   * instance's TTL jitter ({@code CachifyOptions.setTtlJitter}), never later.
   */
  public Future<Void> set(T value, Ttl ttl) {
    if (value == null) {
      return Future.failedFuture(new IllegalArgumentException("a cache entry's value must not be null"));
    }
    return entries.put(key, value, Objects.requireNonNull(ttl, "ttl"));
  }

  /**
   * Drops the entry: later reads miss, loads that started before it do not store, and calls
   * through the same {@code Cachify} instance after it (this entry's or a {@code cached}
   * function's of the same key) do not join them.
   */
  public Future<Void> reset() {
    return entries.reset(key).map(done -> {
      loads.forget(key);
      return done;
    });
  }
}
