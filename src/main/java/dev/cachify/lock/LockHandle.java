package dev.cachify.lock;

import dev.cachify.Blocking;
import dev.cachify.Ttl;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Objects;

/**
 * One acquisition of a lock, identified by its random token: only this handle can release or
 * extend it, and only while the store still holds its token (a holder whose lock expired cannot
 * touch the next holder's lock).
 */
public final class LockHandle {

  private final Store store;
  private final String key;
  private final String token;

  LockHandle(Store store, String key, String token) {
    this.store = store;
    this.key = key;
    this.token = token;
  }

  public String key() {
    return key;
  }

  public String token() {
    return token;
  }

  /** Releases the lock if still ours: true when it was. Releasing twice is harmless. */
  public Future<Boolean> release() {
    return store.releaseLock(key, token);
  }

  /** Sets the lock's expiry to {@code exp} from now if still ours: true when it was. */
  public Future<Boolean> extend(Ttl exp) {
    return store.extendLock(key, token, Objects.requireNonNull(exp, "exp").duration());
  }

  public boolean releaseBlocking() {
    return Blocking.await(release());
  }
}
