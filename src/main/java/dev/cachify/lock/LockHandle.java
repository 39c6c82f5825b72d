package dev.cachify.lock;

import dev.cachify.Ttl;
import io.vertx.core.Future;

/**
 * One acquisition of a lock, identified by its random token: only this handle can release or
 * extend it, and only while the store still holds its token (a holder whose lock expired cannot
 * touch the next holder's lock).
 *
 * <p>{@link #fence()} is the acquisition's fencing token: pass it to the resource the lock guards,
 * which refuses a token lower than the highest it has seen, so a holder whose lock ran out while it
 * paused cannot overwrite the work of the holder after it.
 *
 * <p>A lock taken with {@code exp(Ttl.NEVER)} is a <b>renewed lease</b>: the store keeps it for
 * the lease time only, and the instance extends it every third of that (compare-and-expire), until
 * {@link #release()}, which stops the renewal first. {@link #lost()} completes when the lock can
 * no longer be counted on: a renewal found another holder, renewals failed until the lease ran out,
 * or a fixed expiry passed before the release.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * cachify.lock("nightly-export").exp(Ttl.NEVER).withLock(lock -> {
 *   lock.lost().onSuccess(reason -> abortExport());        // the lease could not be kept
 *   return export(lock.fence());                           // the store rejects stale fences
 * });
 * }</pre>
 */
public interface LockHandle {

  /**
   * The stored key of the lock.
   *
   * @return the key the store keeps the lock under
   */
  String key();

  /**
   * The acquisition's random token: with the key, all it takes to release the lock elsewhere
   * ({@link Lock#handle(String)}).
   *
   * @return the token the store holds while this acquisition has the lock
   */
  String token();

  /**
   * The fencing token of this acquisition: higher for every new holder of the key.
   *
   * @return the fence; 0 for a handle rebuilt from a token alone
   */
  long fence();

  /**
   * Whether the lock is a renewed lease ({@code exp(Ttl.NEVER)}).
   *
   * @return true when the instance renews it until it is released
   */
  boolean isRenewed();

  /**
   * Completes, with the reason, when this lock is lost while still held: a renewal found another
   * holder or none, renewals failed until the lease ran out, or the fixed expiry passed. Never
   * completes once {@link #release()} was called.
   *
   * @return a future that completes with the reason the lock was lost, or never
   */
  Future<String> lost();

  /**
   * Releases the lock if it is still this acquisition's (compare-and-delete); stops its renewal
   * first. Releasing twice is harmless.
   *
   * @return true when it was still held by this acquisition; failed with a {@code StoreException}
   */
  Future<Boolean> release();

  /**
   * Sets the lock's expiry to {@code exp} from now if it is still this acquisition's
   * (compare-and-expire).
   *
   * @param exp the new expiry from now; {@code Ttl.NEVER} for none
   * @return true when it was still held by this acquisition; failed with a {@code StoreException}
   * @throws NullPointerException when {@code exp} is null
   */
  Future<Boolean> extend(Ttl exp);

  /**
   * {@link #release()} on a thread that may block.
   *
   * @return true when it was still held by this acquisition
   * @throws IllegalStateException on an event-loop thread
   */
  boolean releaseBlocking();
}
