package dev.cachify.cache;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * A function whose results are cached under a key built from its arguments
 * ({@code prefix + template + "-cached"}). A hit answers the decoded entry; a miss runs the
 * function, stores the encoded result and answers the result. Concurrent misses of one key in this
 * JVM run the function once (across every process sharing the store with
 * {@link CachedBuilder#clusterSingleFlight}); failures and (by default) null results are not
 * stored.
 *
 * <p><b>Arguments</b> bind to the wrapped function's parameters by position or by name, defaults
 * filling in, and are checked against the parameters' declared types before the key is formatted
 * or the store read, so a call behaves the same whether its entry is cached or not: a number
 * widens to a wider declared number without loss ({@code call(1)} on a {@code (Long id)} function
 * binds {@code 1L}, and shares the key of {@code call(1L)}); any other mismatch fails the call with
 * an {@link IllegalArgumentException} naming the parameter and both types.
 *
 * <p><b>Reset wins.</b> Once {@link #reset} has returned, no load that started before it stores
 * its result, on any node: a slow read of the old row cannot put the old value back after an
 * update's reset. Such a load still answers its own callers; loads started after the reset are
 * cached as usual. (It covers loads shorter than the entry's TTL, and shorter than an hour for
 * entries that never expire: that long the reset's marker stays in the store.)
 *
 * <p><b>When the store fails</b> ({@link dev.cachify.store.StoreException}: unreachable, timed
 * out), a call reads through: it runs the function (one load per key in this JVM, as for a miss),
 * answers its result and stores nothing; {@code Cachify.storeFailures()} counts it and the outage
 * is logged once. {@link #reset} does not read through: it fails, since the entry it was to drop
 * may still be there.
 *
 * <pre>{@code
 * CachedFunction<User> readUser = cachify.cached("read_user-{userId}")
 *     .ttl(Ttl.seconds(300)).as(User.class)
 *     .wrap(Fn.of("userId", (Long id) -> repository.find(id)));
 * readUser.call(1L);   // runs the function, stores the user
 * readUser.reset(1L);  // drops exactly that entry; loads already running will not store
 * }</pre>
 *
 * @param <R> the result type
 */
public interface CachedFunction<R> {

  /**
   * The cached result for these positional arguments, running the function on a miss.
   *
   * @param args the arguments in parameter order; trailing ones with defaults may be left out
   * @return the result; failed with the function's error, a {@link dev.cachify.codec.CodecException}
   *     when the result cannot be encoded (nothing stored), or an {@link IllegalArgumentException}
   *     when the arguments do not fit the parameters (count or type; nothing run, nothing read)
   */
  Future<R> call(Object... args);

  /**
   * The same, with arguments by parameter name.
   *
   * @param args the arguments by parameter name; parameters with defaults may be left out
   * @return as {@link #call}; also failed when a name is not a parameter's
   */
  Future<R> callNamed(Map<String, ?> args);

  /**
   * Like {@link #call}, but answers the entry's encoded bytes without decoding them: for handlers
   * that pass the value on as it is (the JSON codec's bytes straight to an HTTP client). A hit
   * answers the stored bytes unchecked; a miss loads, stores and answers the bytes it stored (one
   * encoding); a null result answers {@code null}. Concurrent misses share one load and its
   * bytes: do not modify them.
   *
   * @param args as for {@link #call}
   * @return the encoded value, or {@code null}; failed as {@link #call} fails
   */
  Future<Buffer> callEncoded(Object... args);

  /**
   * Drops the entry these arguments map to (an absent entry is fine). Once the returned future
   * succeeded, no load that started before stores its result, and no call through the same
   * {@code Cachify} instance joins one.
   *
   * @param args as for {@link #call}
   * @return completes when the entry is reset; failed with the store's error (the entry may still
   *     be there), or when the arguments do not fit
   */
  Future<Void> reset(Object... args);

  /**
   * The stored key for these arguments, as {@link #call} computes it.
   *
   * @param args as for {@link #call}
   * @return {@code prefix + formatted template + "-cached"}
   * @throws IllegalArgumentException when the arguments do not fit the parameters
   */
  String keyFor(Object... args);
}
