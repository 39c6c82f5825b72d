package dev.cachify.service.users.data;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a server, to take the server away from a client and give it back:
 * {@link #stop()} closes the listening port and every relayed connection.
 */
final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;

  TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  /** Listens on {@code port} (0: any free port, then the same one on every later start). */
  Future<Integer> start(int port) {
    server = vertx.createNetServer().connectHandler(this::relay);
    return server.listen(port, "127.0.0.1").map(listening -> this.port = listening.actualPort());
  }

  Future<Integer> restart() {
    return start(port);
  }

  int port() {
    return port;
  }

  Future<Void> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(server.close());
    sockets.forEach(socket -> closing.add(socket.close()));
    sockets.clear();
    return Future.join(closing).mapEmpty();
  }

  private void relay(NetSocket inbound) {
    inbound.pause();
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      sockets.add(inbound);
      sockets.add(outbound);
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.resume();
    });
  }
}
