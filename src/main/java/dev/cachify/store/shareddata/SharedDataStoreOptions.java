package dev.cachify.store.shareddata;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Settings of a {@link SharedDataStore}.
 *
 * <pre>{@code
 * new SharedDataStoreOptions().setMapName("cachify").setTimeoutMillis(2000);
 * }</pre>
 */
public class SharedDataStoreOptions {

  /** Default name of the async map: {@value}. */
  public static final String DEFAULT_MAP_NAME = "cachify";
  /** Default bound on each call: {@value} ms. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  private String mapName = DEFAULT_MAP_NAME;
  private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

  public SharedDataStoreOptions() {
  }

  public SharedDataStoreOptions(SharedDataStoreOptions other) {
    this.mapName = other.mapName;
    this.timeoutMillis = other.timeoutMillis;
  }

  public SharedDataStoreOptions(JsonObject json) {
    setMapName(json.getString("mapName", DEFAULT_MAP_NAME));
    setTimeoutMillis(json.getLong("timeoutMillis", DEFAULT_TIMEOUT_MILLIS));
  }

  /**
   * The {@code SharedData} async map holding every key of the store; default
   * {@value #DEFAULT_MAP_NAME}. Nodes share a store by using the same name.
   */
  public String getMapName() {
    return mapName;
  }

  public SharedDataStoreOptions setMapName(String mapName) {
    Objects.requireNonNull(mapName, "mapName");
    if (mapName.isBlank()) {
      throw new IllegalArgumentException("mapName must not be blank");
    }
    this.mapName = mapName;
    return this;
  }

  /**
   * How long one store call may take before it fails with a {@code StoreException}; default
   * {@value #DEFAULT_TIMEOUT_MILLIS} ms.
   */
  public long getTimeoutMillis() {
    return timeoutMillis;
  }

  public SharedDataStoreOptions setTimeoutMillis(long timeoutMillis) {
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + timeoutMillis);
    }
    this.timeoutMillis = timeoutMillis;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("mapName", mapName).put("timeoutMillis", timeoutMillis);
  }
}
