package dev.cachify.bench;

import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;

/** A store with its release notices hidden (the interface's defaults): its waiters poll. */
final class WithoutNotices implements Store {

  private final Store store;

  WithoutNotices(Store store) {
    this.store = store;
  }

  @Override
  public Future<Buffer> get(String key) {
    return store.get(key);
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
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return store.acquireLock(key, token, ttl);
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
