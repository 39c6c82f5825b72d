package dev.cachify.pool;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;

/**
 * Configures a {@code pooled} wrapper (py-cachify's {@code @pooled}), obtained from
 * {@code Cachify.pooled(template, maxSize)}: a function that runs only while the pool its
 * arguments map to has a free slot. The stored key is {@code prefix + formatted template + "-pool"}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * PooledFunction<Report> render = cachify.pooled("render-{tenant}", 2)
 *     .slotExp(Ttl.seconds(60))
 *     .onFull(Fallback.failing())                 // a third concurrent call fails with PoolFullException
 *     .wrap(Fn.of("tenant", (String t) -> renderReport(t)));
 * }</pre>
 *
 * @param <R> what the fallback answers (and so what the wrapped function must answer)
 */
public interface PooledBuilder<R> {

  /**
   * How long a call's slot lives if the caller dies mid-call; default: the instance's pool-slot
   * expiration (600 s).
   *
   * @param slotExp a fixed expiry, or {@code Ttl.NEVER}
   * @return this builder
   * @throws NullPointerException when {@code slotExp} is null
   */
  PooledBuilder<R> slotExp(Ttl slotExp);

  /**
   * What a call answers when the pool is full; default {@code Fallback.returning(null)}.
   *
   * @param onFull a value, a value computed from the arguments, or {@code Fallback.failing()}
   * @param <T>    what the fallback answers
   * @return this builder, typed by the fallback
   * @throws NullPointerException when {@code onFull} is null
   */
  <T> PooledBuilder<T> onFull(Fallback<T> onFull);

  /**
   * The Future-based wrapper of {@code fn}.
   *
   * @param fn  the function and its parameter names
   * @param <T> what the function answers
   * @return the wrapper
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   * @throws dev.cachify.CachifyClosedException  when its {@code Cachify} instance is closed
   */
  <T extends R> PooledFunction<T> wrap(Fn<T> fn);

  /**
   * The blocking wrapper of {@code fn}, for worker threads and plain Java.
   *
   * @param fn  the function and its parameter names
   * @param <T> what the function answers
   * @return the wrapper
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   * @throws dev.cachify.CachifyClosedException  when its {@code Cachify} instance is closed
   */
  <T extends R> BlockingPooledFunction<T> wrapBlocking(BlockingFn<T> fn);
}
