package dev.cachify.cache;

import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real store seen through a counter of load-lock attempts: tests learn that a node's leader is
 * waiting for another node's load (its attempt was refused) instead of guessing with timers.
 * Everything else goes to the store as it is.
 */
final class ObservedStore implements Store {

  private final Store store;
  private final AtomicInteger refusedLoadLocks = new AtomicInteger();
  private final AtomicInteger takenLoadLocks = new AtomicInteger();

  ObservedStore(Store store) {
    this.store = store;
  }

  /** Load-lock attempts through this store that found the lock held. */
  int refusedLoadLocks() {
    return refusedLoadLocks.get();
  }

  /** Load locks taken through this store. */
  int takenLoadLocks() {
    return takenLoadLocks.get();
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return store.acquireLock(key, token, ttl).onSuccess(fence -> {
      if (key.endsWith(ClusterSingleFlight.LOCK_SUFFIX)) {
        (fence == null ? refusedLoadLocks : takenLoadLocks).incrementAndGet();
      }
    });
  }

  @Override
  public Future<Buffer> get(String key) {
    return store.get(key);
  }

  @Override
  public <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return store.getDecoded(key, decoder);
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    return store.set(key, value, ttl);
  }

  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    return store.compareAndSet(key, expected, value, ttl);
  }

  @Override
  public Future<Void> delete(String key) {
    return store.delete(key);
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return store.releaseLock(key, token);
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return store.extendLock(key, token, ttl);
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return store.isLocked(key);
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return store.watchReleases(key, onRelease);
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return store.lockRemainingMillis(key);
  }

  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    return store.acquireSlot(key, token, maxSize, slotTtl);
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return store.releaseSlot(key, slotId);
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return store.poolSize(key, maxSize);
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
