package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * An entry over the event bus: what {@link CachifyService#get} and {@link CachifyService#load}
 * answer (whether the key holds a value, and the value), and what {@link CachifyService#set}
 * stores. As JSON: {@code {"key", "found", "value"}}.
 *
 * <pre>{@code
 * cachify.get("rates-EUR").map(entry -> entry.isFound() ? (JsonObject) entry.getValue() : null);
 * }</pre>
 */
@DataObject
public final class CacheValue {

  private final String key;
  private final boolean found;
  private final Object value;

  /**
   * An entry; {@code found} is whether {@code value} is not {@code null}.
   *
   * @param key   the entry's key
   * @param value a JSON value (String, Number, Boolean, JsonObject, JsonArray), or {@code null}
   *              for a miss
   */
  public CacheValue(String key, Object value) {
    this.key = key;
    this.found = value != null;
    this.value = value;
  }

  /**
   * Reads {@code key} and {@code value}; {@code found} follows from the value.
   *
   * @param json the entry, as {@link #toJson()} writes it
   */
  public CacheValue(JsonObject json) {
    this(json.getString("key"), json.getValue("value"));
  }

  /**
   * The entry's key, without the nodes' prefix.
   *
   * @return the key
   */
  public String getKey() {
    return key;
  }

  /**
   * Whether the key holds a value.
   *
   * @return {@code false} on a miss (absent, expired, reset, or a loader that answered null)
   */
  public boolean isFound() {
    return found;
  }

  /**
   * The value.
   *
   * @return a JSON value (String, Number, Boolean, JsonObject, JsonArray), or {@code null} on a miss
   */
  public Object getValue() {
    return value;
  }

  /**
   * The entry as JSON.
   *
   * @return {@code {"key", "found", "value"}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("found", found).put("value", value);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
