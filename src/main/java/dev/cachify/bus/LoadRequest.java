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

  public LoadRequest() {
  }

  public LoadRequest(JsonObject json) {
    this.ttlMs = json.getLong("ttlMs");
    this.loader = json.getString("loader");
    this.body = json.getValue("body");
  }

  /** How long the loaded value is stored, in milliseconds; null: the node's default cache TTL. */
  public Long getTtlMs() {
    return ttlMs;
  }

  public LoadRequest setTtlMs(Long ttlMs) {
    this.ttlMs = ttlMs;
    return this;
  }

  /** The event-bus address asked on a miss. */
  public String getLoader() {
    return loader;
  }

  public LoadRequest setLoader(String loader) {
    this.loader = loader;
    return this;
  }

  /** What the loader is sent: a JSON value (String, Number, Boolean, JsonObject, JsonArray) or null. */
  public Object getBody() {
    return body;
  }

  public LoadRequest setBody(Object body) {
    this.body = body;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("ttlMs", ttlMs).put("loader", loader).put("body", body);
  }
}
