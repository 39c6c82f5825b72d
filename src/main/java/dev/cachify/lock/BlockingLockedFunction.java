package dev.cachify.lock;

import java.util.Map;

/**
 * The blocking form of {@link LockedFunction}: the function runs on the caller's thread, which
 * must not be an event-loop thread; built by {@link LockedBuilder#wrapBlocking}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * BlockingLockedFunction<Integer> f = cachify.locked("job-{id}")
 *     .wrapBlocking(BlockingFn.of("id", (Integer id) -> runJobOnThisThread(id)));
 * int result = f.call(7);                      // throws CachifyLockException while held
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface BlockingLockedFunction<R> {

  /**
   * Takes the lock of these arguments, runs the function on this thread, always releases it.
   *
   * @param args the arguments, by position
   * @return what the function answers
   * @throws CachifyLockException  when the lock could not be taken (the function did not run)
   * @throws IllegalStateException on an event-loop thread
   */
  R call(Object... args);

  /**
   * {@link #call} with arguments by parameter name; defaults fill the missing ones.
   *
   * @param args the arguments, by name
   * @return what the function answers
   * @throws CachifyLockException  when the lock could not be taken
   * @throws IllegalStateException on an event-loop thread
   */
  R callNamed(Map<String, ?> args);

  /**
   * Whether a call with these arguments holds the lock now.
   *
   * @param args the arguments, by position
   * @return true while someone holds that lock
   * @throws IllegalStateException on an event-loop thread
   */
  boolean isLocked(Object... args);

  /**
   * Frees the key of these arguments whoever holds it: an operator's override.
   *
   * @param args the arguments, by position
   * @throws IllegalStateException on an event-loop thread
   */
  void release(Object... args);

  /**
   * The stored key of the lock these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-lock"}
   */
  String keyFor(Object... args);
}
