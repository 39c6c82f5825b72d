package dev.cachify.service.bridge.tcp;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The frames the bridge writes, in the shapes of Vert.x's TCP bridge so that its clients keep
 * working: a reply {@code {"type":"message","address":replyAddress,"headers","body","send":true}},
 * a failed request {@code {"type":"err","address":replyAddress,"sourceAddress","failureCode",
 * "failureType","message"}}, an error tied to no request {@code {"type":"err","message"}}, and
 * {@code {"type":"pong"}}.
 */
final class Answers {

  private Answers() {
  }

  static Buffer pong() {
    return frame(new JsonObject().put("type", "pong"));
  }

  /** The reply; a body that has no JSON form becomes a failure (500), not a dropped answer. */
  static Buffer reply(String replyAddress, String sourceAddress, MultiMap headers, Object body) {
    JsonObject replyHeaders = new JsonObject();
    for (Map.Entry<String, String> header : headers) {
      replyHeaders.put(header.getKey(), header.getValue());
    }
    JsonObject frame = new JsonObject().put("type", "message").put("address", replyAddress).put("headers", replyHeaders);
    if (body != null) {
      frame.put("body", body);
    }
    frame.put("send", true);
    try {
      return frame(frame);
    } catch (EncodeException | IllegalStateException e) {
      return failure(replyAddress, sourceAddress, 500, ReplyFailure.ERROR.name(),
        "internal_error: the reply has no JSON form (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The failure of a request, as the event bus gave it; anything but a ReplyException is a 500. */
  static Buffer failure(String replyAddress, String sourceAddress, Throwable cause) {
    if (cause instanceof ReplyException reply) {
      return failure(replyAddress, sourceAddress, reply.failureCode(), reply.failureType().name(), reply.getMessage());
    }
    return failure(replyAddress, sourceAddress, 500, ReplyFailure.ERROR.name(), "internal_error: " + cause.getMessage());
  }

  static Buffer failure(String replyAddress, String sourceAddress, int failureCode, String failureType, String message) {
    JsonObject frame = new JsonObject().put("type", "err").put("address", replyAddress);
    if (sourceAddress != null) {
      frame.put("sourceAddress", sourceAddress);
    }
    return frame(frame.put("failureCode", failureCode).put("failureType", failureType)
      .put("message", message == null ? "failed" : message));
  }

  static Buffer error(String message) {
    return frame(new JsonObject().put("type", "err").put("message", message));
  }

  private static Buffer frame(JsonObject payload) {
    byte[] bytes = payload.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(4 + bytes.length).appendInt(bytes.length).appendBytes(bytes);
  }
}
