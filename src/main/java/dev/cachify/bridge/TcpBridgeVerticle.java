package dev.cachify.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus for services not on the JVM: Vert.x's TCP bridge (4-byte length, then a JSON
 * frame), open only to sends to the {@code cachify.*} and {@code users.*} addresses, whose answers
 * come back on the frame's {@code replyAddress}. Nothing can be published to or consumed from any
 * other address. Bound to loopback unless told otherwise.
 */
public final class TcpBridgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeVerticle.class);
  /** The address families a bridge client may send to. */
  static final String PERMITTED_ADDRESSES = "(cachify|users)\\.[a-z.]+";

  private final String host;
  private final int port;
  private TcpEventBusBridge bridge;

  public TcpBridgeVerticle(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    BridgeOptions options = new BridgeOptions()
      .addInboundPermitted(new PermittedOptions().setAddressRegex(PERMITTED_ADDRESSES));
    bridge = TcpEventBusBridge.create(vertx, options);
    return bridge.listen(port, host).onSuccess(listening ->
      LOG.info("TCP event-bus bridge listening on {}:{} (cachify.* and users.* only)", host, port));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
