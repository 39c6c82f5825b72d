package dev.cachify.lock;

import dev.cachify.Ttl;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A lock under a fixed key (py-cachify's {@code with lock(key)}), obtained from
 * {@code Cachify.lock(key)}: configure, then acquire, or run a scope that always releases. Each
 * acquisition takes the lock with a random token of its own ({@code SET key token NX PX exp}), so
 * only its {@link LockHandle} can release or extend it. Not re-entrant: the same caller taking it
 * twice waits or fails like anyone else.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * cachify.lock("orders").nowait(false).timeout(Duration.ofSeconds(2)).exp(Ttl.seconds(10))
 *     .withLock(() -> rebuildOrders());
 * }</pre>
 */
public interface Lock {

  /**
   * Whether an acquisition that finds the lock held fails at once (the default) or waits.
   *
   * @param nowait true: fail at once with a {@link CachifyLockException}; false: wait up to
   *               {@link #timeout}
   * @return this lock, to configure further
   */
  Lock nowait(boolean nowait);

  /**
   * How long a waiting acquisition waits; ignored when {@code nowait}.
   *
   * @param timeout {@code null} (the default) = forever, zero = one attempt
   * @return this lock, to configure further
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  Lock timeout(Duration timeout);

  /**
   * How long the lock lives unless released; default: the instance's lock expiration (30 s).
   *
   * @param exp a fixed expiry, or {@code Ttl.NEVER}: no fixed expiry, a lease that the instance
   *            renews until the holder releases it (see {@link LockHandle})
   * @return this lock, to configure further
   * @throws NullPointerException when {@code exp} is null
   */
  Lock exp(Ttl exp);

  /**
   * The stored key: the instance's prefix and the key given.
   *
   * @return the key the store keeps the lock under
   */
  String key();

  /**
   * Takes the lock, waiting as configured.
   *
   * @return the held lock; failed with a {@link CachifyLockException} when another holder has it
   *         (at once with {@code nowait}, else at the timeout), or a {@code StoreException}
   */
  Future<LockHandle> acquire();

  /**
   * The handle of an acquisition made elsewhere (over the event bus, say), known by its token: it
   * releases or extends the lock only while the store still holds that token. It has no fence
   * ({@code 0}) and is not renewed.
   *
   * @param token the token of that acquisition
   * @return a handle on that acquisition
   * @throws NullPointerException when {@code token} is null
   */
  LockHandle handle(String token);

  /**
   * Whether anyone holds this lock now.
   *
   * @return true while a holder has it; failed with a {@code StoreException}
   */
  Future<Boolean> isLocked();

  /**
   * Runs {@code body} holding the lock, and releases it when the body's future completes, success
   * or failure, also when the body throws.
   *
   * @param body the scope's work
   * @param <T>  what the body answers
   * @return the body's outcome; failed with a {@link CachifyLockException} (the body did not run)
   *         when the lock could not be taken
   */
  <T> Future<T> withLock(Supplier<Future<T>> body);

  /**
   * The same, handing the body the lock: its {@link LockHandle#fence() fence} for the resource it
   * guards, and {@link LockHandle#lost()} to stop when the lock can no longer be counted on.
   *
   * @param body the scope's work, given the held lock
   * @param <T>  what the body answers
   * @return the body's outcome; failed with a {@link CachifyLockException} when the lock could not
   *         be taken
   */
  <T> Future<T> withLock(Function<LockHandle, Future<T>> body);

  /**
   * {@link #acquire()} on a thread that may block.
   *
   * @return the held lock
   * @throws CachifyLockException  when another holder has it
   * @throws IllegalStateException on an event-loop thread
   */
  LockHandle acquireBlocking();

  /**
   * {@link #isLocked()} on a thread that may block.
   *
   * @return true while a holder has it
   * @throws IllegalStateException on an event-loop thread
   */
  boolean isLockedBlocking();

  /**
   * Runs {@code body} on this thread holding the lock, and always releases it.
   *
   * @param body the scope's work
   * @param <T>  what the body answers
   * @return what the body answers
   * @throws CachifyLockException  when the lock could not be taken (the body did not run)
   * @throws IllegalStateException on an event-loop thread
   */
  <T> T withLockBlocking(Supplier<T> body);
}
