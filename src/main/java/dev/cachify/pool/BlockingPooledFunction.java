package dev.cachify.pool;

import java.util.Map;

/**
 * The blocking form of {@link PooledFunction}: the function runs on the caller's thread, which
 * must not be an event-loop thread; built by {@link PooledBuilder#wrapBlocking}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * BlockingPooledFunction<byte[]> thumbnail = cachify.pooled("thumbs", 4)
 *     .wrapBlocking(BlockingFn.of("path", (String path) -> resize(path)));
 * byte[] image = thumbnail.call("a.png");      // null while 4 resizes run
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface BlockingPooledFunction<R> {

  /**
   * Runs the function on this thread holding a slot of the arguments' pool, or answers the
   * fallback when full.
   *
   * @param args the arguments, by position
   * @return what the function or the fallback answers
   * @throws PoolFullException     when full, with {@code Fallback.failing()}
   * @throws IllegalStateException on an event-loop thread
   */
  R call(Object... args);

  /**
   * {@link #call} with arguments by parameter name; defaults fill the missing ones.
   *
   * @param args the arguments, by name
   * @return what the function or the fallback answers
   * @throws PoolFullException     when full, with {@code Fallback.failing()}
   * @throws IllegalStateException on an event-loop thread
   */
  R callNamed(Map<String, ?> args);

  /**
   * How many calls with these arguments hold a slot now.
   *
   * @param args the arguments, by position
   * @return the number of held slots of that pool
   * @throws IllegalStateException on an event-loop thread
   */
  int size(Object... args);

  /**
   * The stored key of the pool these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-pool"}
   */
  String keyFor(Object... args);
}
