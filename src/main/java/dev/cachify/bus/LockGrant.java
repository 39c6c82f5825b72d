package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A lock taken over the event bus: its token releases or extends it, and nothing else does; its
 * fence is the acquisition's fencing token (higher for every later holder of the key). As JSON:
 * {@code {"key", "token", "expMs", "fence"}}.
 *
 * <pre>{@code
 * cachify.acquireLock("report-job", null)
 *     .compose(grant -> runJob(grant.getFence()).eventually(() -> cachify.releaseLock(grant.getKey(), grant.getToken())));
 * }</pre>
 */
@DataObject
public final class LockGrant {

  private final String key;
  private final String token;
  private final long expMs;
  private final long fence;

  /**
   * A grant.
   *
   * @param key   the lock's key
   * @param token the acquisition's token
   * @param expMs its expiration in milliseconds, 0 for none
   * @param fence its fencing token
   */
  public LockGrant(String key, String token, long expMs, long fence) {
    this.key = key;
    this.token = token;
    this.expMs = expMs;
    this.fence = fence;
  }

  /**
   * Reads {@code key}, {@code token}, {@code expMs} and {@code fence} (absent numbers: 0).
   *
   * @param json the grant, as {@link #toJson()} writes it
   */
  public LockGrant(JsonObject json) {
    this(json.getString("key"), json.getString("token"), json.getLong("expMs", 0L), json.getLong("fence", 0L));
  }

  /**
   * The lock's key, without the nodes' prefix.
   *
   * @return the key
   */
  public String getKey() {
    return key;
  }

  /**
   * The acquisition's token: what {@link CachifyService#releaseLock} and
   * {@link CachifyService#extendLock} need. Keep it to the holder.
   *
   * @return the token
   */
  public String getToken() {
    return token;
  }

  /**
   * How long the lock lives from its acquisition unless released or extended.
   *
   * @return the expiration in milliseconds; 0 when it has no fixed expiry
   */
  public long getExpMs() {
    return expMs;
  }

  /**
   * The fencing token: pass it to the resource the lock guards, which refuses lower ones.
   *
   * @return the fence, positive
   */
  public long getFence() {
    return fence;
  }

  /**
   * The grant as JSON.
   *
   * @return {@code {"key", "token", "expMs", "fence"}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("token", token).put("expMs", expMs).put("fence", fence);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
