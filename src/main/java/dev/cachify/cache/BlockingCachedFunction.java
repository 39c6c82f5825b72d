package dev.cachify.cache;

import java.util.Map;

/**
 * The blocking form of {@link CachedFunction}: the same entries, keys, argument checks and rules
 * (one load per key, reset wins, a failing store read through), for worker threads and plain
 * Java. The function runs on the caller's thread, which waits for the store; an event-loop thread
 * is refused. It shares its loads with the Future-based functions of the same key.
 *
 * <pre>{@code
 * BlockingCachedFunction<User> readUser = cachify.cached("read_user-{userId}")
 *     .as(User.class)
 *     .wrapBlocking(BlockingFn.of("userId", (Long id) -> jdbcFind(id)));
 * User user = readUser.call(1L);
 * }</pre>
 *
 * @param <R> the result type
 */
public interface BlockingCachedFunction<R> {

  /**
   * The cached result for these positional arguments, running the function on a miss.
   *
   * @param args the arguments in parameter order; trailing ones with defaults may be left out
   * @return the result
   * @throws IllegalStateException    on an event-loop thread
   * @throws IllegalArgumentException when the arguments do not fit the parameters (count or
   *                                  type; nothing run, nothing read)
   * @throws dev.cachify.codec.CodecException when the result cannot be encoded (nothing stored)
   * @throws RuntimeException         the function's own exception, as it threw it
   */
  R call(Object... args);

  /**
   * The same, with arguments by parameter name.
   *
   * @param args the arguments by parameter name
   * @return the result
   * @throws IllegalStateException    on an event-loop thread
   * @throws IllegalArgumentException when a name is unknown or an argument does not fit
   */
  R callNamed(Map<String, ?> args);

  /**
   * As {@link CachedFunction#reset}: once it returns, no load that started before stores.
   *
   * @param args as for {@link #call}
   * @throws IllegalStateException             on an event-loop thread
   * @throws IllegalArgumentException          when the arguments do not fit the parameters
   * @throws dev.cachify.store.StoreException  when the store fails (the entry may still be there)
   */
  void reset(Object... args);

  /**
   * The stored key for these arguments.
   *
   * @param args as for {@link #call}
   * @return {@code prefix + formatted template + "-cached"}
   * @throws IllegalArgumentException when the arguments do not fit the parameters
   */
  String keyFor(Object... args);
}
