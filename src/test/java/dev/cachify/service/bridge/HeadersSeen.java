package dev.cachify.service.bridge;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The headers of every message that reaches one address, as its consumer sees them (an inbound interceptor). */
final class HeadersSeen {

  private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

  static HeadersSeen at(Vertx vertx, String address) {
    HeadersSeen headers = new HeadersSeen();
    vertx.eventBus().addInboundInterceptor(delivery -> {
      if (delivery.message().address().equals(address)) {
        Map<String, String> copy = new HashMap<>();
        delivery.message().headers().forEach(copy::put);
        headers.seen.add(copy);
      }
      delivery.next();
    });
    return headers;
  }

  int count() {
    return seen.size();
  }

  /** The headers of the {@code index}th message (from 0). */
  Map<String, String> of(int index) {
    return seen.get(index);
  }
}
