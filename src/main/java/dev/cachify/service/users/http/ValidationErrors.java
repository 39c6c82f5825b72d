package dev.cachify.service.users.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.Comparator;
import java.util.List;

/**
 * The JSON body of a 400 from OpenAPI validation: {@code {"error": ..., "field": ...}}. The
 * validator's own message can blame the wrong keyword (with {@code additionalProperties: false}
 * every bad property also fails that keyword), so the most specific schema error is used.
 */
final class ValidationErrors {

  private ValidationErrors() {
  }

  static JsonObject toJson(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof ValidatorException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return new JsonObject().put("error", "bad request");
    }
    if (cause instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      OutputUnit best = mostSpecific(schema.getOutputUnit());
      if (best != null && best.getError() != null) {
        JsonObject body = new JsonObject().put("error", best.getError());
        String field = fieldOf(best, schema.getMessage());
        return field == null ? body : body.put("field", field);
      }
    }
    return new JsonObject().put("error", cause.getMessage());
  }

  private static OutputUnit mostSpecific(OutputUnit root) {
    List<OutputUnit> errors = root.getErrors();
    if (errors == null || errors.isEmpty()) {
      return root;
    }
    return errors.stream()
      .filter(e -> e.getError() != null)
      .max(Comparator.comparingInt(e -> e.getKeywordLocation() == null ? 0 : e.getKeywordLocation().length()))
      .orElse(root);
  }

  private static String fieldOf(OutputUnit error, String message) {
    String location = error.getInstanceLocation();
    if (location != null && location.startsWith("#/") && location.length() > 2) {
      return location.substring(2);
    }
    String required = between(error.getError(), "required property \"", "\"");
    if (required != null) {
      return required;
    }
    return between(message, "parameter ", " is invalid");
  }

  private static String between(String text, String before, String after) {
    if (text == null) {
      return null;
    }
    int start = text.indexOf(before);
    if (start < 0) {
      return null;
    }
    start += before.length();
    int end = text.indexOf(after, start);
    return end < 0 ? null : text.substring(start, end);
  }
}
