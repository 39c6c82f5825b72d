package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A pool slot taken over the event bus: its id releases it. */
@DataObject
public final class SlotGrant {

  private final String key;
  private final String slot;

  public SlotGrant(String key, String slot) {
    this.key = key;
    this.slot = slot;
  }

  public SlotGrant(JsonObject json) {
    this(json.getString("key"), json.getString("slot"));
  }

  public String getKey() {
    return key;
  }

  public String getSlot() {
    return slot;
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("slot", slot);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
