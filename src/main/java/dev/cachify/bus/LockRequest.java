package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How to take a lock over the event bus: its expiration, and whether to wait for it. Defaults: the
 * node's lock expiration (30 s), do not wait. A waiting request waits at most {@code timeoutMs}
 * (default {@value #DEFAULT_TIMEOUT_MS} ms, at most {@value #MAX_TIMEOUT_MS} ms), so that it
 * answers before the caller's send timeout.
 */
@DataObject
public final class LockRequest {

  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  public static final long MAX_TIMEOUT_MS = 60_000;

  private Long expMs;
  private boolean nowait = true;
  private Long timeoutMs;

  public LockRequest() {
  }

  public LockRequest(JsonObject json) {
    this.expMs = json.getLong("expMs");
    this.nowait = json.getBoolean("nowait", true);
    this.timeoutMs = json.getLong("timeoutMs");
  }

  /** The lock's lifetime in milliseconds; null: the node's default. */
  public Long getExpMs() {
    return expMs;
  }

  public LockRequest setExpMs(Long expMs) {
    this.expMs = expMs;
    return this;
  }

  public boolean isNowait() {
    return nowait;
  }

  public LockRequest setNowait(boolean nowait) {
    this.nowait = nowait;
    return this;
  }

  /** How long a waiting request waits; null: {@value #DEFAULT_TIMEOUT_MS} ms. */
  public Long getTimeoutMs() {
    return timeoutMs;
  }

  public LockRequest setTimeoutMs(Long timeoutMs) {
    this.timeoutMs = timeoutMs;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("expMs", expMs).put("nowait", nowait).put("timeoutMs", timeoutMs);
  }
}
