package dev.cachify.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

import java.util.regex.Pattern;

/**
 * The loaders of {@code cachify.cache.load}: checks a loader address against the allow-list, and
 * asks a loader for a missed value, turning every way the request can fail into a failure code
 * the caller is answered with (the loader's own, 503, 504 or 502).
 */
final class Loaders {

  /** The setting that holds the allow-list, named in refusals so that an operator knows what to change. */
  static final String SETTING = "CACHIFY_LOADER_ADDRESSES";
  static final int MAX_ADDRESS_LENGTH = 256;

  private final EventBus eventBus;
  private final Pattern allowed;
  private final long timeoutMs;
  private final DeliveryOptions delivery;

  Loaders(EventBus eventBus, LoaderOptions options) {
    this.eventBus = eventBus;
    this.allowed = options.getAddresses();
    this.timeoutMs = options.getTimeoutMs();
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** {@code loader} if a load may send to it; otherwise a BAD_MESSAGE failure naming it and the setting. */
  String check(String loader) {
    String address = BusArguments.text("loader", loader, MAX_ADDRESS_LENGTH);
    if (LoaderOptions.RESERVED.matcher(address).matches()) {
      throw BusArguments.bad("loader '" + address + "' is not allowed: cachify.*, users.*, internal.* and __vertx.* "
        + "addresses are never loaders, whatever " + SETTING + " says");
    }
    if (allowed == null) {
      throw BusArguments.bad("loader '" + address + "' is not allowed: no loader addresses are configured (set "
        + SETTING + " to a regex of the addresses loads may send to)");
    }
    if (!allowed.matcher(address).matches()) {
      throw BusArguments.bad("loader '" + address + "' is not allowed: it does not match " + SETTING
        + " (" + allowed.pattern() + ")");
    }
    return address;
  }

  /** The loader's answer to {@code body}: a JSON value or {@code null}; else a failure with a code. */
  Future<Object> call(String loader, Object body) {
    Future<Message<Object>> reply;
    try {
      reply = eventBus.request(loader, body, delivery);
    } catch (RuntimeException e) { // no codec for the body's type
      return Future.failedFuture(BusArguments.bad("body cannot be sent to loader '" + loader + "': " + e.getMessage()));
    }
    return reply.transform(done -> done.succeeded()
      ? checked(loader, done.result().body())
      : Future.failedFuture(failure(loader, done.cause())));
  }

  private static Future<Object> checked(String loader, Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
      || value instanceof JsonObject || value instanceof JsonArray) {
      return Future.succeededFuture(value);
    }
    return Future.failedFuture(new ServiceException(CachifyFailures.BAD_LOADER_REPLY, "loader '" + loader
      + "' answered a " + value.getClass().getSimpleName() + ", not a JSON value; nothing was stored"));
  }

  private ServiceException failure(String loader, Throwable cause) {
    if (cause instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case RECIPIENT_FAILURE:
          return new ServiceException(reply.failureCode(), reply.getMessage() != null ? reply.getMessage()
            : "loader '" + loader + "' failed with code " + reply.failureCode());
        case NO_HANDLERS:
          return new ServiceException(CachifyFailures.LOADER_UNAVAILABLE, "no handler at loader address '" + loader + "'");
        case TIMEOUT:
          return new ServiceException(CachifyFailures.LOADER_TIMEOUT, "loader '" + loader + "' did not answer within "
            + timeoutMs + " ms");
        default:
          break;
      }
    }
    return new ServiceException(CachifyFailures.BAD_LOADER_REPLY, "loader '" + loader + "' could not be asked: "
      + cause.getMessage());
  }
}
