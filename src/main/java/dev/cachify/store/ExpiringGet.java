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

  /** The value under {@code key} and its remaining TTL, or {@code null} when absent or expired. */
  Future<TimedValue> getWithTtl(String key);

  /**
   * A stored value and the time it had left when the store read it; {@code ttl} is {@code null}
   * when the entry never expires.
   */
  record TimedValue(Buffer value, Duration ttl) {
  }
}
