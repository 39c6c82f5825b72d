package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;

import java.time.Duration;

/**
 * Configures a {@code locked} wrapper (py-cachify's {@code @lock}), obtained from
 * {@code Cachify.locked(template)}: a function that runs holding the lock its arguments map to.
 * The stored key is {@code prefix + formatted template + "-lock"}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * LockedFunction<Report> rebuild = cachify.locked("rebuild-{tenant}").nowait(false)
 *     .timeout(Duration.ofSeconds(5)).exp(Ttl.seconds(60))
 *     .wrap(Fn.of("tenant", (String tenant) -> reports.rebuild(tenant)));
 * }</pre>
 */
public interface LockedBuilder {

  /**
   * Whether a call that finds the lock held fails at once (the default) or waits.
   *
   * @param nowait true: fail at once with a {@link CachifyLockException}; false: wait up to
   *               {@link #timeout}
   * @return this builder
   */
  LockedBuilder nowait(boolean nowait);

  /**
   * How long a waiting call waits for the lock; ignored when {@code nowait}.
   *
   * @param timeout {@code null} (the default) = forever, zero = one attempt
   * @return this builder
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  LockedBuilder timeout(Duration timeout);

  /**
   * How long each call's lock lives unless released; default: the instance's lock expiration.
   *
   * @param exp a fixed expiry, or {@code Ttl.NEVER} for a lease renewed while the call runs
   * @return this builder
   * @throws NullPointerException when {@code exp} is null
   */
  LockedBuilder exp(Ttl exp);

  /**
   * The Future-based wrapper of {@code fn}, with the settings made so far.
   *
   * @param fn  the function and its parameter names
   * @param <R> what the function answers
   * @return the wrapper
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   * @throws dev.cachify.CachifyClosedException  when its {@code Cachify} instance is closed
   */
  <R> LockedFunction<R> wrap(Fn<R> fn);

  /**
   * The blocking wrapper of {@code fn}, for worker threads and plain Java.
   *
   * @param fn  the function and its parameter names
   * @param <R> what the function answers
   * @return the wrapper
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   * @throws dev.cachify.CachifyClosedException  when its {@code Cachify} instance is closed
   */
  <R> BlockingLockedFunction<R> wrapBlocking(BlockingFn<R> fn);
}
