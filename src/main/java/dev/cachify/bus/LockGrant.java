package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A lock taken over the event bus: its token releases or extends it, and nothing else does; its
 * fence is the acquisition's fencing token (higher for every later holder of the key).
 */
@DataObject
public final class LockGrant {

  private final String key;
  private final String token;
  private final long expMs;
  private final long fence;

  public LockGrant(String key, String token, long expMs, long fence) {
    this.key = key;
    this.token = token;
    this.expMs = expMs;
    this.fence = fence;
  }

  public LockGrant(JsonObject json) {
    this(json.getString("key"), json.getString("token"), json.getLong("expMs", 0L), json.getLong("fence", 0L));
  }

  public String getKey() {
    return key;
  }

  public String getToken() {
    return token;
  }

  /** How long the lock lives from its acquisition unless released or extended. */
  public long getExpMs() {
    return expMs;
  }

  /** The fencing token: pass it to the resource the lock guards, which refuses lower ones. */
  public long getFence() {
    return fence;
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("token", token).put("expMs", expMs).put("fence", fence);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
