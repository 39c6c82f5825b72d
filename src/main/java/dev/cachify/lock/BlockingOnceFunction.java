package dev.cachify.lock;

import java.util.Map;

/**
 * The blocking form of {@link OnceFunction}: the function runs on the caller's thread, which must
 * not be an event-loop thread; built by {@link OnceBuilder#wrapBlocking}.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * BlockingOnceFunction<String> nightly = cachify.once("nightly-{day}")
 *     .onLocked(Fallback.returning("already running"))
 *     .wrapBlocking(BlockingFn.of("day", (String day) -> runNightly(day)));
 * String outcome = nightly.call("2026-12-04");
 * }</pre>
 *
 * @param <R> what the function answers
 */
public interface BlockingOnceFunction<R> {

  /**
   * Runs the function on this thread unless a call with the same key runs; then answers the
   * fallback.
   *
   * @param args the arguments, by position
   * @return what the function or the fallback answers
   * @throws CachifyLockException  while another call runs, with {@code Fallback.failing()}
   * @throws IllegalStateException on an event-loop thread
   */
  R call(Object... args);

  /**
   * {@link #call} with arguments by parameter name; defaults fill the missing ones.
   *
   * @param args the arguments, by name
   * @return what the function or the fallback answers
   * @throws CachifyLockException  while another call runs, with {@code Fallback.failing()}
   * @throws IllegalStateException on an event-loop thread
   */
  R callNamed(Map<String, ?> args);

  /**
   * Whether a call with these arguments runs now.
   *
   * @param args the arguments, by position
   * @return true while a call with that key holds its guard
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
   * The stored key of the guard these arguments map to.
   *
   * @param args the arguments, by position
   * @return {@code prefix + formatted template + "-once"}
   */
  String keyFor(Object... args);
}
