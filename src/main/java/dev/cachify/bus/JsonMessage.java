package dev.cachify.bus;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * The body of a message to one of the {@code cachify.*} JSON addresses, checked: a JSON object with
 * only the fields the address takes, each of the right type. Ranges and required fields are checked
 * by {@link BusArguments}, the same rules for every caller.
 */
final class JsonMessage {

  private final JsonObject body;

  private JsonMessage(JsonObject body) {
    this.body = body;
  }

  static JsonMessage of(Object body, Set<String> fields) {
    if (!(body instanceof JsonObject json)) {
      throw BusArguments.bad("the message body must be a JSON object, got "
        + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }
    for (String name : json.fieldNames()) {
      if (!fields.contains(name)) {
        throw BusArguments.bad("unknown field '" + name + "'; this address takes " + fields);
      }
    }
    return new JsonMessage(json);
  }

  String string(String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw BusArguments.bad(name + " must be a string");
  }

  Long whole(String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
      && Math.abs(number.doubleValue()) < 9.0e15) {
      return number.longValue();
    }
    throw BusArguments.bad(name + " must be a whole number");
  }

  Integer wholeInt(String name) {
    Long value = whole(name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw BusArguments.bad(name + " is out of range");
    }
    return value.intValue();
  }

  Boolean bool(String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw BusArguments.bad(name + " must be true or false");
  }

  /** The field's JSON value as it came: String, Number, Boolean, JsonObject or JsonArray. */
  Object value(String name) {
    return body.getValue(name);
  }
}
