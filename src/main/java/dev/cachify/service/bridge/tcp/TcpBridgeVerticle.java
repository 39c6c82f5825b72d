package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.BridgeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus for services not on the JVM: Vert.x's TCP event-bus bridge protocol (a 4-byte
 * big-endian length, then a UTF-8 JSON object), served by our own code so that no input can
 * break it (see {@link TcpBridgeConnection} and {@link Frame}). Clients send to the public
 * contracts ({@link BridgeAccess}) and get their answers on the frame's {@code replyAddress};
 * they can neither publish nor consume. Bound to loopback unless told otherwise, and then only
 * with a token.
 *
 * <pre>{@code
 * vertx.deployVerticle(new TcpBridgeVerticle(new TcpBridgeOptions().setPort(7000),
 *   BridgeAccess.publicContracts(null), registry));
 * }</pre>
 */
public final class TcpBridgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeVerticle.class);

  private final TcpBridgeOptions options;
  private final BridgeAccess access;
  private final MeterRegistry registry;
  private NetServer server;

  public TcpBridgeVerticle(TcpBridgeOptions options, BridgeAccess access, MeterRegistry registry) {
    this.options = options;
    this.access = access;
    this.registry = registry;
  }

  /** A bridge on {@code host} (loopback: there is no token) to the public contracts, counting its refusals on its own. */
  public TcpBridgeVerticle(String host, int port) {
    this(new TcpBridgeOptions().setHost(host).setPort(port), BridgeAccess.publicContracts(null), new SimpleMeterRegistry());
  }

  @Override
  public Future<?> start() {
    if (!access.requiresToken() && !BridgeAccess.isLoopback(options.getHost())) {
      return Future.failedFuture(new IllegalStateException("a TCP bridge on " + options.getHost()
        + " is reachable from other hosts: it needs a token"));
    }
    BridgeMetrics metrics = new BridgeMetrics(registry, "tcp");
    return vertx.createNetServer(new NetServerOptions().setHost(options.getHost()).setPort(options.getPort()))
      .connectHandler(socket -> new TcpBridgeConnection(socket, vertx.eventBus(), access, options, metrics).start())
      .listen()
      .onSuccess(listening -> {
        server = listening;
        LOG.info("TCP event-bus bridge listening on {}:{} (sends to the public cachify.* and users.* addresses only; "
          + "frames up to {} bytes{})", options.getHost(), listening.actualPort(), options.getMaxFrameBytes(),
          access.requiresToken() ? "; token required" : "");
      });
  }

  /** The port listened on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
