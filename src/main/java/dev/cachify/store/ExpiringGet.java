package dev.cachify.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;

/**
 * A {@link Store} that can answer a value together with the time it has left to live, in one
 * step, so that a copy kept elsewhere (a near cache) never outlives the stored entry.
 *
 * <pre>{@code
 * ExpiringGet.TimedValue found = ((ExpiringGet) store).getWithTtl(key).await();
 * // null: absent; found.ttl() null: never expires
 * }</pre>
 */
public interface ExpiringGet {

  /**
   * The value under {@code key} and its remaining TTL, read in one atomic step.
   *
   * @param key the value's key
   * @return a future of the value and its remaining TTL, or of {@code null} when absent or
   *     expired; fails with a {@link StoreException} when the store cannot answer
   */
  Future<TimedValue> getWithTtl(String key);

  /**
   * A stored value and the time it had left when the store read it.
   *
   * @param value the stored bytes
   * @param ttl   the time the entry had left, or {@code null} when it never expires
   */
  record TimedValue(Buffer value, Duration ttl) {
  }
}
