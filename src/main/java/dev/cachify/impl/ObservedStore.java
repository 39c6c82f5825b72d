package dev.cachify.impl;

import dev.cachify.store.ForwardingStore;
import dev.cachify.store.Store;
import dev.cachify.store.StoreException;

import dev.cachify.metrics.CachifyMetrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The store as a {@code Cachify} instance uses it: every operation that fails with a
 * {@link StoreException} is counted ({@link CachifyMetrics#storeError}), and an outage is logged
 * once: a WARN at its first failure, an INFO when the store answers again, never a line per call.
 * A completed answer (a memory or near-cache hit) passes untouched.
 */
public final class ObservedStore extends ForwardingStore {

  private static final Logger LOG = LoggerFactory.getLogger(ObservedStore.class);
  /**
   * A store answer ends an outage only this long after its last failure: answers to commands sent
   * before Redis died can arrive just after the first failure, and must not log an end and a start.
   */
  private static final long CALM_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final CachifyMetrics metrics;
  private final LongAdder failures = new LongAdder();
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile long downSinceNanos;
  private volatile long lastFailureNanos;
  private volatile long failuresAtStart;

  public ObservedStore(Store delegate, CachifyMetrics metrics) {
    super(delegate);
    this.metrics = metrics;
  }

  /** How many operations failed with a store error. */
  public long failures() {
    return failures.sum();
  }

  /** Whether the store's last answers were failures (an outage under way). */
  public boolean isFailing() {
    return down.get();
  }

  @Override
  public Future<Buffer> get(String key) {
    return observe("get", key, delegate.get(key));
  }

  @Override
  public <T> Future<T> getDecoded(String key, Function<Buffer, T> decoder) {
    return observe("get", key, delegate.getDecoded(key, decoder));
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    return observe("set", key, delegate.set(key, value, ttl));
  }

  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    return observe("compareAndSet", key, delegate.compareAndSet(key, expected, value, ttl));
  }

  @Override
  public Future<Void> delete(String key) {
    return observe("delete", key, delegate.delete(key));
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    return observe("acquireLock", key, delegate.acquireLock(key, token, ttl));
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return observe("releaseLock", key, delegate.releaseLock(key, token));
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return observe("extendLock", key, delegate.extendLock(key, token, ttl));
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return observe("isLocked", key, delegate.isLocked(key));
  }

  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    return observe("acquireSlot", key, delegate.acquireSlot(key, token, maxSize, slotTtl));
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return observe("releaseSlot", key, delegate.releaseSlot(key, slotId));
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return observe("poolSize", key, delegate.poolSize(key, maxSize));
  }

  @Override
  public Future<Void> ping() {
    return observe("ping", "", delegate.ping());
  }

  private <T> Future<T> observe(String operation, String key, Future<T> call) {
    if (call.isComplete()) {
      outcome(operation, key, call.cause());
      return call;
    }
    return call.onComplete(done -> outcome(operation, key, done.cause()));
  }

  private void outcome(String operation, String key, Throwable failure) {
    if (failure instanceof StoreException) {
      failed(operation, key, failure);
    } else if (down.get()) {
      answered();
    }
  }

  private void failed(String operation, String key, Throwable failure) {
    failures.increment();
    metrics.storeError(operation);
    long now = System.nanoTime();
    lastFailureNanos = now;
    if (!down.get() && down.compareAndSet(false, true)) {
      downSinceNanos = now;
      failuresAtStart = failures.sum() - 1;
      LOG.warn("Store '{}' failing: cached calls read through (they run their functions and store nothing), "
        + "locks, once and pools fail until it answers again; first failure: {} '{}': {}",
        delegate.name(), operation, key, failure.getMessage());
    }
  }

  private void answered() {
    long now = System.nanoTime();
    if (now - lastFailureNanos >= CALM_NANOS && down.compareAndSet(true, false)) {
      LOG.info("Store '{}' answers again, {} ms after it started failing; {} operations failed meanwhile",
        delegate.name(), TimeUnit.NANOSECONDS.toMillis(now - downSinceNanos), failures.sum() - failuresAtStart);
    }
  }
}
