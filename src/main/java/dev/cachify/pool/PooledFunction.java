package dev.cachify.pool;

import dev.cachify.fn.Fallback;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A function that runs only while the pool its arguments map to has a free slot (py-cachify's
 * {@code @pooled}); when full it answers its {@link Fallback}. The slot is freed when the call
 * ends, also after an error. Built by {@link PooledBuilder#wrap}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * PooledFunction<Report> render = cachify.pooled("render-{tenant}", 2)
 *     .onFull(Fallback.failing())
 *     .wrap(Fn.of("tenant", (String t) -> renderReport(t)));
 * render.call("acme").onFailure(e -> ...);     // PoolFullException while two renders of acme run
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface PooledFunction<R> {

  /**
   * Runs the function holding a slot of the arguments' pool, or answers the fallback when full.
   *
   * @param args the arguments, by position
   * @return the function's outcome, or the fallback's answer (failed with a
   *         {@link PoolFullException} for {@code Fallback.failing()}) when the pool is full
   */
  Future<R> call(Object... args);

  /**
   * {@link #call} with arguments by parameter name; defaults fill the missing ones.
   *
   * @param args the arguments, by name
   * @return as for {@link #call}
   */
  Future<R> callNamed(Map<String, ?> args);

  /**
   * How many calls with these arguments hold a slot now.
   *
   * @param args the arguments, by position
   * @return the number of held slots of that pool
   */
  Future<Integer> size(Object... args);

  /**
   * The stored key of the pool these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-pool"}
   */
  String keyFor(Object... args);
}
