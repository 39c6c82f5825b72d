package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A lock taken over the event bus: its token releases or extends it, and nothing else does. */
@DataObject
public final class LockGrant {

  private final String key;
  private final String token;
  private final long expMs;

  public LockGrant(String key, String token, long expMs) {
    this.key = key;
    this.token = token;
    this.expMs = expMs;
  }

  public LockGrant(JsonObject json) {
    this(json.getString("key"), json.getString("token"), json.getLong("expMs", 0L));
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

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("token", token).put("expMs", expMs);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
