package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;

/**
 * Configures a {@code once} wrapper (py-cachify's {@code @once}), obtained from
 * {@code Cachify.once(template)}: at most one call per key runs at a time, anywhere the store
 * reaches; the others answer the fallback at once. The stored key is
 * {@code prefix + formatted template + "-once"}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * OnceFunction<User> update = cachify.once("update-user-{userId}")
 *     .onLocked(Fallback.failing())                // a concurrent call fails with CachifyLockException
 *     .wrap(Fn.of("userId", "changes", (Long id, UserChanges c) -> repository.update(id, c)));
 * }</pre>
 *
 * @param <R> what the fallback answers (and so what the wrapped function must answer)
 */
public interface OnceBuilder<R> {

  /**
   * How long the guard lives if the caller dies mid-call; default: the instance's lock expiration.
   *
   * @param exp a fixed expiry, or {@code Ttl.NEVER}: a lease renewed while the call runs
   *            (see {@link LockHandle})
   * @return this builder
   * @throws NullPointerException when {@code exp} is null
   */
  OnceBuilder<R> exp(Ttl exp);

  /**
   * What a call answers while another call with its key runs; default
   * {@code Fallback.returning(null)}.
   *
   * @param onLocked a value, a value computed from the arguments, or {@code Fallback.failing()}
   * @param <T>      what the fallback answers
   * @return this builder, typed by the fallback
   * @throws NullPointerException when {@code onLocked} is null
   */
  <T> OnceBuilder<T> onLocked(Fallback<T> onLocked);

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
  <T extends R> OnceFunction<T> wrap(Fn<T> fn);

  /**
   * Like {@link #wrap}, for a function that also gets the lock it runs under (its fence, its lease).
   *
   * @param fn  the function, its parameter names, and the lock as its last argument
   * @param <T> what the function answers
   * @return the wrapper
   * @throws dev.cachify.key.KeyTemplateException when the template names a parameter {@code fn}
   *                                              does not have
   * @throws dev.cachify.CachifyClosedException  when its {@code Cachify} instance is closed
   */
  <T extends R> OnceFunction<T> wrapLeased(LeasedFn<T> fn);

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
  <T extends R> BlockingOnceFunction<T> wrapBlocking(BlockingFn<T> fn);
}
