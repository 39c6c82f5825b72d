package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A pool slot taken over the event bus: its id releases it. As JSON: {@code {"key", "slot"}}.
 *
 * <pre>{@code
 * cachify.acquireSlot("exports", 4, 60_000L)
 *     .compose(grant -> export().eventually(() -> cachify.releaseSlot(grant.getKey(), grant.getSlot())));
 * }</pre>
 */
@DataObject
public final class SlotGrant {

  private final String key;
  private final String slot;

  /**
   * A grant.
   *
   * @param key  the pool's key
   * @param slot the slot's id
   */
  public SlotGrant(String key, String slot) {
    this.key = key;
    this.slot = slot;
  }

  /**
   * Reads {@code key} and {@code slot}.
   *
   * @param json the grant, as {@link #toJson()} writes it
   */
  public SlotGrant(JsonObject json) {
    this(json.getString("key"), json.getString("slot"));
  }

  /**
   * The pool's key, without the nodes' prefix.
   *
   * @return the key
   */
  public String getKey() {
    return key;
  }

  /**
   * The slot's id: what {@link CachifyService#releaseSlot} needs.
   *
   * @return the slot id
   */
  public String getSlot() {
    return slot;
  }

  /**
   * The grant as JSON.
   *
   * @return {@code {"key", "slot"}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("slot", slot);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
