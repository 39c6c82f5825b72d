package dev.cachify.lock;

import io.vertx.core.Future;

import java.util.Map;

/**
 * A function that runs holding the lock its arguments map to (py-cachify's {@code @lock}),
 * waiting or failing as configured, and always releasing; built by {@link LockedBuilder#wrap}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * LockedFunction<Integer> f = cachify.locked("job-{id}").nowait(false).timeout(Duration.ofSeconds(2))
 *     .wrap(Fn.of("id", (Integer id) -> runJob(id)));
 * f.call(7).onSuccess(result -> ...);          // runs holding PYC-job-7-lock
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface LockedFunction<R> {

  /**
   * Takes the lock of these arguments, runs the function, releases the lock when it ends.
   *
   * @param args the arguments, by position
   * @return the function's outcome; failed with a {@link CachifyLockException} (the function did
   *         not run) when the lock could not be taken
   */
  Future<R> call(Object... args);

  /**
   * {@link #call} with arguments by parameter name; defaults fill the missing ones.
   *
   * @param args the arguments, by name
   * @return the function's outcome, as for {@link #call}
   */
  Future<R> callNamed(Map<String, ?> args);

  /**
   * Whether a call with these arguments holds the lock now.
   *
   * @param args the arguments, by position
   * @return true while someone holds that lock
   */
  Future<Boolean> isLocked(Object... args);

  /**
   * Frees the key of these arguments whoever holds it: an operator's override, like py-cachify's
   * {@code release}.
   *
   * @param args the arguments, by position
   * @return completes when the key is free
   */
  Future<Void> release(Object... args);

  /**
   * The stored key of the lock these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-lock"}
   */
  String keyFor(Object... args);
}
