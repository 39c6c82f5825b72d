package dev.cachify.cache.impl;

import dev.cachify.store.ForwardingStore;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store seen through a counter of load-lock attempts: tests learn that a node's leader is
 * waiting for another node's load (its attempt was refused) instead of guessing with timers.
 * Everything else goes to the store as it is.
 */
public final class LoadLockCountingStore extends ForwardingStore {

  private final AtomicInteger refusedLoadLocks = new AtomicInteger();
  private final AtomicInteger takenLoadLocks = new AtomicInteger();

  public LoadLockCountingStore(Store store) {
    super(store);
  }

  /** Load-lock attempts through this store that found the lock held. */
  public int refusedLoadLocks() {
    return refusedLoadLocks.get();
  }

  /** Load locks taken through this store. */
  public int takenLoadLocks() {
    return takenLoadLocks.get();
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return delegate.acquireLock(key, token, ttl).onSuccess(fence -> {
      if (key.endsWith(ClusterSingleFlight.LOCK_SUFFIX)) {
        (fence == null ? refusedLoadLocks : takenLoadLocks).incrementAndGet();
      }
    });
  }
}
