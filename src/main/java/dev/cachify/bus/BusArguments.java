package dev.cachify.bus;

import dev.cachify.Ttl;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

/** Checks what a caller sent over the event bus; each failure names the argument and the rule. */
final class BusArguments {

  static final int MAX_KEY_LENGTH = 1024;
  /** A month: longer lifetimes are almost always a unit mistake (seconds given as milliseconds). */
  static final long MAX_MILLIS = 30L * 24 * 3600 * 1000;
  /** The largest JSON a caller may have passed on (a load's body), encoded: 64 KiB. */
  static final int MAX_JSON_BYTES = 64 * 1024;

  private BusArguments() {
  }

  static String key(String key) {
    return text("key", key, MAX_KEY_LENGTH);
  }

  static String text(String name, String value, int maxLength) {
    if (value == null) {
      throw bad(name + " is required");
    }
    if (value.isBlank()) {
      throw bad(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw bad(name + " must be at most " + maxLength + " characters, got " + value.length());
    }
    return value;
  }

  /** {@code null} stays null (the default applies); otherwise 1 ms up to a month. */
  static Ttl optionalMillis(String name, Long millis) {
    return millis == null ? null : Ttl.millis(millis(name, millis));
  }

  static long millis(String name, Long millis) {
    if (millis == null) {
      throw bad(name + " is required");
    }
    if (millis < 1 || millis > MAX_MILLIS) {
      throw bad(name + " must be 1.." + MAX_MILLIS + " milliseconds, got " + millis);
    }
    return millis;
  }

  static int maxSize(Integer maxSize) {
    if (maxSize == null) {
      throw bad("maxSize is required");
    }
    if (maxSize < 1) {
      throw bad("maxSize must be at least 1, got " + maxSize);
    }
    return maxSize;
  }

  /**
   * {@code value} if it is a JSON value (String, Number, Boolean, JsonObject, JsonArray) or
   * {@code null}, at most {@link #MAX_JSON_BYTES} long when encoded.
   */
  static Object json(String name, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean
      || value instanceof JsonObject || value instanceof JsonArray)) {
      throw bad(name + " must be a JSON value, got " + value.getClass().getSimpleName());
    }
    int length;
    try {
      length = Json.encodeToBuffer(value).length();
    } catch (EncodeException e) {
      throw bad(name + " is not valid JSON: " + e.getMessage());
    }
    if (length > MAX_JSON_BYTES) {
      throw bad(name + " must be at most " + MAX_JSON_BYTES + " bytes of JSON, got " + length);
    }
    return value;
  }

  static ServiceException bad(String message) {
    return CachifyFailures.badMessage(message);
  }
}
