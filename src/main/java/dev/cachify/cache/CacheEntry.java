package dev.cachify.cache;

import dev.cachify.Ttl;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One cache entry by its key ({@code prefix + key}), for code that reads or writes what a
 * {@code cached} function stores without calling the function: the event-bus service, an admin
 * tool, another service. Obtained from {@code Cachify.entry(key)}. Reads and resets follow the
 * {@code cached} rules (a reset leaves a tombstone that wins over loads in flight; a stored null
 * reads as a miss), and {@link #getOrLoad} reads through as a {@code cached} function does.
 *
 * <pre>{@code
 * cachify.entry("read_user-5-cached").reset();   // what readUser.reset(5) does
 * }</pre>
 *
 * @param <T> the type of the entry's value, as its codec decodes it
 */
public interface CacheEntry<T> {

  /**
   * The stored key.
   *
   * @return {@code prefix + key}
   */
  String key();

  /**
   * The cached value.
   *
   * @return the value, or {@code null} when absent, expired, reset or a stored null; failed with
   *     the store's error
   */
  Future<T> get();

  /**
   * {@link #getOrLoad(Ttl, Supplier)} for the instance's default cache TTL.
   *
   * @param loader asked for the value on a miss
   * @return the cached or loaded value
   */
  Future<T> getOrLoad(Supplier<Future<T>> loader);

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
   *
   * @param ttl    how long a loaded value lives ({@link Ttl#NEVER}: no expiry)
   * @param loader asked for the value on a miss
   * @return the cached or loaded value; failed with the loader's error
   * @throws NullPointerException when {@code ttl} or {@code loader} is null
   */
  Future<T> getOrLoad(Ttl ttl, Supplier<Future<T>> loader);

  /**
   * Stores {@code value} for the default cache TTL, jittered as the instance says.
   *
   * @param value the value, not null
   * @return completes when stored; failed when {@code value} is null or cannot be encoded
   */
  Future<Void> set(T value);

  /**
   * Stores {@code value}, replacing what the key holds, expiring after {@code ttl} less the
   * instance's TTL jitter ({@code CachifyOptions.setTtlJitter}), never later.
   *
   * @param value the value, not null
   * @param ttl   its time to live
   * @return completes when stored; failed when {@code value} is null or cannot be encoded
   * @throws NullPointerException when {@code ttl} is null
   */
  Future<Void> set(T value, Ttl ttl);

  /**
   * Drops the entry: later reads miss, loads that started before it do not store, and calls
   * through the same {@code Cachify} instance after it (this entry's or a {@code cached}
   * function's of the same key) do not join them.
   *
   * @return completes when the entry is reset; failed with the store's error
   */
  Future<Void> reset();
}
