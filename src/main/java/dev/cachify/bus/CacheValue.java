package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What {@link CachifyService#get} answers: whether the key holds a value, and the value (JSON). */
@DataObject
public final class CacheValue {

  private final String key;
  private final boolean found;
  private final Object value;

  public CacheValue(String key, Object value) {
    this.key = key;
    this.found = value != null;
    this.value = value;
  }

  public CacheValue(JsonObject json) {
    this(json.getString("key"), json.getValue("value"));
  }

  public String getKey() {
    return key;
  }

  public boolean isFound() {
    return found;
  }

  /** A JSON value (String, Number, Boolean, JsonObject, JsonArray), or null on a miss. */
  public Object getValue() {
    return value;
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("found", found).put("value", value);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
