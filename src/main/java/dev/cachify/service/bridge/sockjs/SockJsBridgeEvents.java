package dev.cachify.service.bridge.sockjs;

import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.BridgeMetrics;
import dev.cachify.service.bridge.Refusal;
import dev.cachify.service.bridge.Refused;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides every message of the SockJS bridge before the bridge acts on it. A send that may go
 * loses its {@value BridgeAccess#TOKEN_HEADER} header (no service sees the token) and goes; a
 * refused request is rewritten to the bridge's refusal address (see {@link SockJsBridge}) so its
 * reply callback gets {@code {failureCode, failureType, message}}; a refused message without a
 * reply callback (a send without one, a publish, a register) is pointed at an address the bridge
 * never permits, and the bridge answers it with its own {@code {"type":"err","body":"access_denied"}}.
 * Every other event (sockets opening, pings, replies going out) passes.
 */
final class SockJsBridgeEvents implements Handler<BridgeEvent> {

  static final String FAILURE_CODE = "failureCode";
  static final String MESSAGE = "message";
  /** Permitted by no option: the bridge refuses what is sent there with its access_denied frame. */
  private static final String NOWHERE = "__cachify.bridge.denied";

  private final BridgeAccess access;
  private final BridgeMetrics metrics;
  private final String refusals;

  SockJsBridgeEvents(BridgeAccess access, BridgeMetrics metrics, String refusals) {
    this.access = access;
    this.metrics = metrics;
    this.refusals = refusals;
  }

  @Override
  public void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SEND -> send(event);
      case PUBLISH, REGISTER, UNREGISTER -> refuse(event, BridgeAccess.notASend(type.name().toLowerCase(Locale.ROOT)));
      default -> event.complete(true);
    }
  }

  private void send(BridgeEvent event) {
    JsonObject message = event.getRawMessage();
    Object headers = message.getValue("headers");
    Map<String, String> strings = new HashMap<>();
    if (headers != null) {
      if (!(headers instanceof JsonObject object)) {
        refuse(event, Refusal.BAD_HEADERS.because("headers must be an object of strings"));
        return;
      }
      for (Map.Entry<String, Object> header : object) {
        if (!(header.getValue() instanceof String value)) {
          refuse(event, Refusal.BAD_HEADERS.because("headers must be an object of strings; '" + header.getKey()
            + "' is not a string"));
          return;
        }
        strings.put(header.getKey(), value);
      }
    }
    Refused refused = access.checkSend(String.valueOf(message.getValue("address")), strings);
    if (refused != null) {
      refuse(event, refused);
      return;
    }
    if (headers != null) {
      ((JsonObject) headers).remove(BridgeAccess.TOKEN_HEADER);
    }
    event.complete(true);
  }

  private void refuse(BridgeEvent event, Refused refused) {
    metrics.refused(refused.refusal());
    JsonObject message = event.getRawMessage();
    Object replyAddress = message == null ? null : message.getValue("replyAddress");
    if (event.type() == BridgeEventType.SEND && replyAddress instanceof String callback) {
      event.setRawMessage(new JsonObject().put("type", "send").put("address", refusals).put("replyAddress", callback)
        .put("body", new JsonObject().put(FAILURE_CODE, refused.refusal().failureCode()).put(MESSAGE, refused.message())));
    } else if (message != null) {
      event.setRawMessage(new JsonObject().put("type", message.getValue("type")).put("address", NOWHERE));
    }
    event.complete(true);
  }
}
