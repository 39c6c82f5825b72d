package dev.cachify.store.near;

import dev.cachify.store.ExpiringGet;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import dev.cachify.store.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;

/**
 * A real Redis store whose next read of one key, once Redis answered it, is held until the test
 * opens the gate: the read has its (old) value in hand while the test runs a write, with no timing
 * window to hope for.
 */
final class GatedStore implements Store, ExpiringGet {

  /** {@code arrived} completes when Redis answered the held read; completing {@code open} lets it go. */
  record Gate(String key, Promise<Void> arrived, Promise<Void> open) {
  }

  private final RedisStore redis;
  private volatile Gate gate;

  GatedStore(RedisStore redis) {
    this.redis = redis;
  }

  /** Holds the next read of {@code key}. */
  Gate holdNextRead(String key) {
    Gate next = new Gate(key, Promise.promise(), Promise.promise());
    gate = next;
    return next;
  }

  @Override
  public Future<TimedValue> getWithTtl(String key) {
    Gate held = gate;
    Future<TimedValue> read = redis.getWithTtl(key);
    if (held == null || !held.key().equals(key)) {
      return read;
    }
    gate = null;
    return read.compose(value -> {
      held.arrived().tryComplete();
      return held.open().future().map(value);
    });
  }

  @Override
  public Future<Buffer> get(String key) {
    return redis.get(key);
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    return redis.set(key, value, ttl);
  }

  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    return redis.compareAndSet(key, expected, value, ttl);
  }

  @Override
  public Future<Void> delete(String key) {
    return redis.delete(key);
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return redis.acquireLock(key, token, ttl);
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return redis.releaseLock(key, token);
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return redis.extendLock(key, token, ttl);
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return redis.isLocked(key);
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return redis.watchReleases(key, onRelease);
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return redis.lockRemainingMillis(key);
  }

  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    return redis.acquireSlot(key, token, maxSize, slotTtl);
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return redis.releaseSlot(key, slotId);
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return redis.poolSize(key, maxSize);
  }

  @Override
  public String name() {
    return redis.name();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }
}
