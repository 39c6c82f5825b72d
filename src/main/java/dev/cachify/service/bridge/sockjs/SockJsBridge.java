package dev.cachify.service.bridge.sockjs;

import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.BridgeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

import java.util.UUID;

/**
 * Vert.x's SockJS event-bus bridge (what {@code @vertx/eventbus-bridge-client.js} speaks), open
 * to the same sends as the TCP bridge ({@link BridgeAccess}): inbound the public addresses,
 * outbound replies only. {@link SockJsBridgeEvents} checks every message before the bridge
 * forwards it.
 *
 * <p>A refused request must reach the client's reply callback as an error, and vertx-eventbus.js
 * routes only {@code {"type":"err","address":replyAddress,...}} there, which the bridge writes
 * when a request fails. So a refused request is rewritten to a request to this bridge's refusal
 * address, whose consumer fails it with the refusal's code and message
 * ({@code 403 "access_denied: ..."}): the client gets exactly the error frame of a failed request,
 * and nothing reaches any service. The address is unique to one bridge (a random suffix), so a
 * refusal never leaves the node; it is a clustered registration because the bridge's requests
 * are not local-only, and a local consumer is not found by a clustered node's sends.
 *
 * <pre>{@code
 * SockJsBridge bridge = new SockJsBridge(BridgeAccess.publicContracts(token), registry);
 * bridge.router(vertx, 16 * 1024).onSuccess(router -> root.route("/eventbus/*").subRouter(router));
 * }</pre>
 */
public final class SockJsBridge {

  /** Where the HTTP server mounts the bridge. */
  public static final String PATH = "/eventbus";
  /** Requests of one socket awaiting their answers; the bridge refuses more. */
  static final int MAX_IN_FLIGHT = 128;
  /** The bridge's timeout for every request (it takes none from the client): a lock wait is at most 60 s. */
  static final long REPLY_TIMEOUT_MS = 90_000;

  private final BridgeAccess access;
  private final MeterRegistry registry;

  public SockJsBridge(BridgeAccess access, MeterRegistry registry) {
    this.access = access;
    this.registry = registry;
  }

  /**
   * A router for one HTTP verticle, with its refusal address registered (from the calling
   * verticle's context, so that it goes when the verticle goes); the XHR transports' posts may
   * have {@code bodyLimitBytes}.
   */
  public Future<Router> router(Vertx vertx, int bodyLimitBytes) {
    String refusals = "__cachify.bridge.refused." + UUID.randomUUID();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(refusals, refusal -> refusal.fail(
      refusal.body().getInteger(SockJsBridgeEvents.FAILURE_CODE), refusal.body().getString(SockJsBridgeEvents.MESSAGE)));
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .setMaxHandlersPerSocket(MAX_IN_FLIGHT)
      .setReplyTimeout(REPLY_TIMEOUT_MS)
      .addInboundPermitted(new PermittedOptions().setAddress(refusals));
    access.permitted().forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    SockJsBridgeEvents events = new SockJsBridgeEvents(access, new BridgeMetrics(registry, "sockjs"), refusals);
    return consumer.completion().map(registered -> {
      Router router = Router.router(vertx);
      // The XHR transports post their frames, which need a body handler; WebSocket upgrades have
      // no body and pass it by.
      router.route().handler(BodyHandler.create().setBodyLimit(bodyLimitBytes));
      router.route("/*").subRouter(SockJSHandler.create(vertx).bridge(options, events));
      return router;
    });
  }
}
