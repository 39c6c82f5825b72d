package dev.cachify.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.function.Function;

/**
 * A store that hands every call to another: extend it and override the calls a wrapper changes
 * (counting, gating, hiding release notices), as Guava's forwarding collections do. Every method,
 * the defaulted ones included, forwards, so the delegate's own {@code getDecoded},
 * {@code watchReleases}, {@code lockRemainingMillis} and {@code ping} are kept.
 *
 * <pre>{@code
 * Store counted = new ForwardingStore(RedisStore.create(vertx, url)) {
 *   @Override
 *   public Future<Buffer> get(String key) {
 *     reads.increment();
 *     return super.get(key);
 *   }
 * };
 * }</pre>
 */
public abstract class ForwardingStore implements Store {

  /** The store every call is handed to. */
  protected final Store delegate;

  /**
   * A store that forwards to {@code delegate}.
   *
   * @param delegate the store every call is handed to
   */
  protected ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Buffer> get(String key) {
    return delegate.get(key);
  }

  @Override
  public <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return delegate.getDecoded(key, decoder);
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    return delegate.set(key, value, ttl);
  }

  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    return delegate.compareAndSet(key, expected, value, ttl);
  }

  @Override
  public Future<Void> delete(String key) {
    return delegate.delete(key);
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return delegate.acquireLock(key, token, ttl);
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return delegate.releaseLock(key, token);
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return delegate.extendLock(key, token, ttl);
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return delegate.isLocked(key);
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return delegate.watchReleases(key, onRelease);
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return delegate.lockRemainingMillis(key);
  }

  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    return delegate.acquireSlot(key, token, maxSize, slotTtl);
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return delegate.releaseSlot(key, slotId);
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return delegate.poolSize(key, maxSize);
  }

  @Override
  public Future<Void> ping() {
    return delegate.ping();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
