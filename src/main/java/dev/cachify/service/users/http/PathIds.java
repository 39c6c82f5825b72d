package dev.cachify.service.users.http;

import io.vertx.core.json.JsonObject;

/**
 * A user id from a path, checked by hand by the OpenAPI document's rule for {@code id}: an
 * integer from 1 to {@code Long.MAX_VALUE}, digits only.
 */
final class PathIds {

  static final JsonObject INVALID = new JsonObject()
    .put("error", "The value of path parameter id is invalid: an integer from 1 to 9223372036854775807 is expected")
    .put("field", "id");

  private PathIds() {
  }

  /** The id, or -1 when {@code text} is not one. */
  static long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 19) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    try {
      long id = Long.parseLong(text);
      return id >= 1 ? id : -1;
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }
}
