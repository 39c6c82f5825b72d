package dev.cachify.store.shareddata;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Settings of a {@link SharedDataStore}: which async map holds its keys, and how long a call may
 * take.
 *
 * <pre>{@code
 * new SharedDataStoreOptions().setMapName("cachify").setTimeoutMillis(2000);
 * }</pre>
 */
public class SharedDataStoreOptions {

  /** Default name of the async map: {@value}. */
  public static final String DEFAULT_MAP_NAME = "cachify";
  /** Default bound on each call: 2000 ms. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  private String mapName = DEFAULT_MAP_NAME;
  private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

  /** The defaults: map {@value #DEFAULT_MAP_NAME}, a 2000 ms timeout. */
  public SharedDataStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public SharedDataStoreOptions(SharedDataStoreOptions other) {
    this.mapName = other.mapName;
    this.timeoutMillis = other.timeoutMillis;
  }

  /**
   * Reads {@code mapName} and {@code timeoutMillis}; absent keys keep their defaults.
   *
   * @param json the settings, as {@link #toJson()} writes them
   * @throws IllegalArgumentException when {@code mapName} is blank or {@code timeoutMillis} below 1
   */
  public SharedDataStoreOptions(JsonObject json) {
    setMapName(json.getString("mapName", DEFAULT_MAP_NAME));
    setTimeoutMillis(json.getLong("timeoutMillis", DEFAULT_TIMEOUT_MILLIS));
  }

  /**
   * The {@code SharedData} async map holding every key of the store; default
   * {@value #DEFAULT_MAP_NAME}. Nodes share a store by using the same name.
   *
   * @return the map's name
   */
  public String getMapName() {
    return mapName;
  }

  /**
   * Sets the async map holding every key of the store; default {@value #DEFAULT_MAP_NAME}. Nodes
   * share a store by using the same name; stores with different names never see each other's keys.
   *
   * @param mapName the map's name, not blank
   * @return these options
   * @throws NullPointerException     when {@code mapName} is {@code null}
   * @throws IllegalArgumentException when {@code mapName} is blank
   */
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
   * 2000 ms.
   *
   * @return the call timeout, in milliseconds
   */
  public long getTimeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Sets how long one store call may take, in milliseconds, before it fails with a
   * {@code StoreException} (a cluster that lost its members, a map that does not answer); default
   * 2000 ms.
   *
   * @param timeoutMillis the timeout, at least 1 ms
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public SharedDataStoreOptions setTimeoutMillis(long timeoutMillis) {
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + timeoutMillis);
    }
    this.timeoutMillis = timeoutMillis;
    return this;
  }

  /**
   * The settings as JSON, readable by {@link #SharedDataStoreOptions(JsonObject)}.
   *
   * @return {@code {"mapName": ..., "timeoutMillis": ...}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("mapName", mapName).put("timeoutMillis", timeoutMillis);
  }
}
