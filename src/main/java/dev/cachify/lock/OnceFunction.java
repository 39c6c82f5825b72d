package dev.cachify.lock;

import dev.cachify.fn.Fallback;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A function that runs only when no other call with the same key runs, anywhere the store
 * reaches; otherwise it answers its {@link Fallback} at once. The lock is released when
 * the call ends, success or failure; an error the body raises (even a lock error) is the body's.
 * Built by {@link OnceBuilder#wrap}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * OnceFunction<User> update = cachify.once("update-user-{userId}")
 *     .onLocked(Fallback.failing())
 *     .wrap(Fn.of("userId", "changes", (Long id, UserChanges c) -> repository.update(id, c)));
 * update.call(1L, changes).onFailure(e -> ...);    // CachifyLockException while another update runs
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface OnceFunction<R> {

  /**
   * Runs the function unless a call with the same key runs; then answers the fallback.
   *
   * @param args the arguments, by position
   * @return the function's outcome, or the fallback's answer (failed with a
   *         {@link CachifyLockException} for {@code Fallback.failing()}) while another call runs
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
   * Whether a call with these arguments runs now.
   *
   * @param args the arguments, by position
   * @return true while a call with that key holds its guard
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
   * The stored key of the guard these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-once"}
   */
  String keyFor(Object... args);
}
