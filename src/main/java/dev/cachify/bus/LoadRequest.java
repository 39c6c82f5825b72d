package dev.cachify.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How to read an entry through over the event bus ({@link CachifyService#load}): on a miss, send
 * {@code body} to the event-bus address {@code loader} and store its answer for {@code ttlMs}
 * (null: the node's default cache TTL). The loader must be allowed by the node
 * ({@link LoaderOptions}); the body is any JSON value of at most 64 KiB, or null.
 *
 * <pre>{@code
 * new LoadRequest().setLoader("loaders.rates").setBody(new JsonObject().put("currency", "EUR")).setTtlMs(60_000L)
 * }</pre>
 */
@DataObject
public final class LoadRequest {

  private Long ttlMs;
  private String loader;
  private Object body;

  /** An empty request: the loader must still be set. */
  public LoadRequest() {
  }

  /**
   * Reads {@code ttlMs}, {@code loader} and {@code body}.
   *
   * @param json the request, as {@link #toJson()} writes it
   */
  public LoadRequest(JsonObject json) {
    this.ttlMs = json.getLong("ttlMs");
    this.loader = json.getString("loader");
    this.body = json.getValue("body");
  }

  /**
   * How long the loaded value is stored, in milliseconds; null: the node's default cache TTL.
   *
   * @return the TTL in milliseconds, or {@code null}
   */
  public Long getTtlMs() {
    return ttlMs;
  }

  /**
   * Sets how long the loaded value is stored, in milliseconds (1 ms to 30 days, less the node's TTL
   * jitter); default {@code null}: the node's default cache TTL. Checked by the service.
   *
   * @param ttlMs the TTL in milliseconds, or {@code null}
   * @return this request
   */
  public LoadRequest setTtlMs(Long ttlMs) {
    this.ttlMs = ttlMs;
    return this;
  }

  /**
   * The event-bus address asked on a miss.
   *
   * @return the loader's address
   */
  public String getLoader() {
    return loader;
  }

  /**
   * Sets the event-bus address asked on a miss (required, at most 256 characters); it must match
   * the node's allowed loaders ({@link LoaderOptions}), else the load fails with
   * {@link CachifyFailures#BAD_MESSAGE}, on a hit too. No default.
   *
   * @param loader the loader's address, e.g. {@code loaders.rates}
   * @return this request
   */
  public LoadRequest setLoader(String loader) {
    this.loader = loader;
    return this;
  }

  /**
   * What the loader is sent: a JSON value (String, Number, Boolean, JsonObject, JsonArray) or null.
   *
   * @return the body, or {@code null}
   */
  public Object getBody() {
    return body;
  }

  /**
   * Sets what the loader is sent on a miss; default {@code null}.
   *
   * @param body a JSON value of at most 64 KiB encoded, or {@code null}
   * @return this request
   */
  public LoadRequest setBody(Object body) {
    this.body = body;
    return this;
  }

  /**
   * The request as JSON.
   *
   * @return {@code {"ttlMs", "loader", "body"}}
   */
  public JsonObject toJson() {
    return new JsonObject().put("ttlMs", ttlMs).put("loader", loader).put("body", body);
  }
}
