package dev.cachify.store.near;

import dev.cachify.store.ExpiringGet;
import dev.cachify.store.ForwardingStore;
import dev.cachify.store.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A real Redis store whose next read of one key, once Redis answered it, is held until the test
 * opens the gate: the read has its (old) value in hand while the test runs a write, with no timing
 * window to hope for.
 */
final class GatedStore extends ForwardingStore implements ExpiringGet {

  /** {@code arrived} completes when Redis answered the held read; completing {@code open} lets it go. */
  record Gate(String key, Promise<Void> arrived, Promise<Void> open) {
  }

  private final RedisStore redis;
  private volatile Gate gate;

  GatedStore(RedisStore redis) {
    super(redis);
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
}
