package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.codec.JsonCodec;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;

import java.time.Duration;

/**
 * Configures a {@code cached} wrapper: obtained from {@code Cachify.cached(template)}, set with
 * fluent calls, and ended by {@link #wrap} (the Future-based form) or {@link #wrapBlocking}. Each
 * setting left alone takes the instance's default ({@code CachifyOptions}). A builder is not
 * thread-safe; the functions it wraps are.
 *
 * <pre>{@code
 * CachedFunction<User> readUser = cachify.cached("read_user-{userId}")
 *     .ttl(Ttl.seconds(300))
 *     .as(User.class)
 *     .wrap(Fn.of("userId", (Long userId) -> repository.find(userId)));
 * }</pre>
 *
 * @param <R> the type of the values cached so far ({@code Object} until a codec says otherwise)
 */
public interface CachedBuilder<R> {

  /** Expiry of the load lock of {@link #clusterSingleFlight(boolean) clusterSingleFlight(true)}: 10 s. */
  Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long entries live; unset = the instance default ({@code CachifyOptions.setDefaultCacheTtl});
   * {@link Ttl#NEVER} wins over it.
   *
   * @param ttl the entries' time to live
   * @return this builder
   * @throws NullPointerException when {@code ttl} is null (use {@link Ttl#NEVER} for no expiry)
   */
  CachedBuilder<R> ttl(Ttl ttl);

  /**
   * Each write's TTL is drawn from {@code [ttl × (1 − percent/100), ttl]}, so entries written
   * together do not expire together: {@code .ttl(Ttl.seconds(300)).ttlJitter(10)} keeps each entry
   * 270 to 300 s. Also applies to cached nulls. Unset = the instance default
   * ({@code CachifyOptions.setTtlJitter}).
   *
   * @param percent from 0 (off) to 50
   * @return this builder
   * @throws IllegalArgumentException when {@code percent} is outside 0-50
   */
  CachedBuilder<R> ttlJitter(int percent);

  /**
   * The codec of the entries; default: JSON decoding to Vert.x JSON types.
   *
   * @param codec encodes results for the store and decodes hits
   * @param <T>   the type it decodes to
   * @return this builder, typed by the codec
   * @throws NullPointerException when {@code codec} is null
   */
  <T> CachedBuilder<T> codec(Codec<T> codec);

  /**
   * Shorthand for {@code codec(JsonCodec.of(type))}: JSON, decoded to a class or record.
   *
   * @param type the class hits decode to
   * @param <T>  that type
   * @return this builder, typed
   */
  default <T> CachedBuilder<T> as(Class<T> type) {
    return codec(JsonCodec.of(type));
  }

  /**
   * Caches null results too, for {@code ttl}; default: null results are not stored, and the
   * function runs again (unless {@code CachifyOptions.setNullTtl} says otherwise).
   *
   * @param ttl how long a null result is answered from the cache
   * @return this builder
   * @throws NullPointerException when {@code ttl} is null
   */
  CachedBuilder<R> cacheNulls(Ttl ttl);

  /**
   * Cluster single-flight: a miss runs the function once across every process that shares the
   * store, not once per process. The first loader takes a load lock on the store
   * ({@code <key>-load}, expiring after {@link #DEFAULT_LOAD_TIMEOUT}); the others wait for its
   * value (woken by the lock's release) and read it. A failed load, or one whose result is not
   * stored, lets the next waiter load; a loader that dies or hangs holds the others up until its
   * lock expires. A reset still wins over the load.
   *
   * <p>Off by default: each miss then costs a lock acquisition and a release on the store, and
   * each key leaves the lock's fencing counter there. Worth it for loads that are expensive and
   * missed by several processes at once (a hot row after its entry expired or was reset).
   *
   * @param enabled whether misses take turns across the processes
   * @return this builder
   */
  CachedBuilder<R> clusterSingleFlight(boolean enabled);

  /**
   * Cluster single-flight (see {@link #clusterSingleFlight(boolean)}) with a load lock that expires
   * after {@code loadTimeout}: the longest a loader that died or hangs holds the others up. A load
   * that outlasts it lets a second loader in (harmless: both store by compare-and-set).
   *
   * @param loadTimeout the load lock's expiry, at least 1 ms
   * @return this builder
   * @throws IllegalArgumentException when {@code loadTimeout} is under 1 ms
   * @throws NullPointerException     when it is null
   */
  CachedBuilder<R> clusterSingleFlight(Duration loadTimeout);

  /**
   * The Future-based wrapper, for event loops.
   *
   * @param fn  the function whose results are cached, with its parameter names (and types)
   * @param <T> its result type
   * @return the cached function
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   */
  <T extends R> CachedFunction<T> wrap(Fn<T> fn);

  /**
   * The blocking wrapper, for worker threads and plain Java; it refuses event-loop threads.
   *
   * @param fn  the function whose results are cached; it runs on the caller's thread
   * @param <T> its result type
   * @return the cached function
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   */
  <T extends R> BlockingCachedFunction<T> wrapBlocking(BlockingFn<T> fn);
}
