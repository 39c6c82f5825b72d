package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How to take a lock over the event bus: its expiration, and whether to wait for it. Defaults: the
 * node's lock expiration (30 s), do not wait. A waiting request waits at most {@code timeoutMs}
 * (default 10 s, at most 60 s), so that it answers before the caller's send timeout.
 *
 * <pre>{@code
 * new LockRequest().setExpMs(10_000L).setNowait(false).setTimeoutMs(5_000L); // wait up to 5 s
 * }</pre>
 */
@DataObject
public final class LockRequest {

  /** How long a waiting request waits when it sets no timeout: 10000 ms. */
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  /** The longest a request may wait: 60000 ms. */
  public static final long MAX_TIMEOUT_MS = 60_000;

  private Long expMs;
  private boolean nowait = true;
  private Long timeoutMs;

  /** The defaults: the node's lock expiration, no wait. */
  public LockRequest() {
  }

  /**
   * Reads {@code expMs}, {@code nowait} (default true) and {@code timeoutMs}.
   *
   * @param json the request, as {@link #toJson()} writes it
   */
  public LockRequest(JsonObject json) {
    this.expMs = json.getLong("expMs");
    this.nowait = json.getBoolean("nowait", true);
    this.timeoutMs = json.getLong("timeoutMs");
  }

  /**
   * The lock's lifetime in milliseconds; null: the node's default.
   *
   * @return the expiration in milliseconds, or {@code null}
   */
  public Long getExpMs() {
    return expMs;
  }

  /**
   * Sets how long the lock lives unless released or extended, in milliseconds (1 ms to 30 days);
   * default {@code null}: the node's default lock expiration (30 s unless configured).
   *
   * @param expMs the expiration in milliseconds, or {@code null}
   * @return this request
   */
  public LockRequest setExpMs(Long expMs) {
    this.expMs = expMs;
    return this;
  }

  /**
   * Whether the request fails at once when the lock is held.
   *
   * @return {@code true} (the default) to fail at once, {@code false} to wait
   */
  public boolean isNowait() {
    return nowait;
  }

  /**
   * Sets whether the request fails at once when the lock is held; default {@code true}. A
   * waiting request waits up to {@link #setTimeoutMs its timeout}; {@code nowait} ignores it.
   *
   * @param nowait {@code true} to fail at once, {@code false} to wait
   * @return this request
   */
  public LockRequest setNowait(boolean nowait) {
    this.nowait = nowait;
    return this;
  }

  /**
   * How long a waiting request waits; null: 10000 ms.
   *
   * @return the timeout in milliseconds, or {@code null}
   */
  public Long getTimeoutMs() {
    return timeoutMs;
  }

  /**
   * Sets how long a waiting request waits for the lock, in milliseconds (0, one attempt, up to
   * 60000 ms); default {@code null}: 10000 ms. Only with {@code nowait} false. Keep it under the
   * caller's send timeout, or the caller gives up first.
   *
   * @param timeoutMs the timeout in milliseconds, or {@code null}
   * @return this request
   */
  public LockRequest setTimeoutMs(Long timeoutMs) {
    this.timeoutMs = timeoutMs;
    return this;
  }

  /**
   * The request as JSON.
   *
   * @return {@code {"expMs", "nowait", "timeoutMs"}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("expMs", expMs).put("nowait", nowait).put("timeoutMs", timeoutMs);
  }
}
