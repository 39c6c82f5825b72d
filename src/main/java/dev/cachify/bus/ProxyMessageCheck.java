package dev.cachify.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceInterceptor;

import java.util.Map;

/**
 * Checks a message to {@link CachifyAddresses#SERVICE} before the generated proxy handler casts
 * its fields: a known {@code action} header and fields of the right JSON types, so that a bad
 * message from a bridge client gets BAD_MESSAGE naming the field, not a ClassCastException.
 * Values are then checked by {@link InProcessCachifyService}, as for every caller.
 */
final class ProxyMessageCheck implements ServiceInterceptor {

  private static final Map<String, Map<String, Class<?>>> ACTIONS = Map.of(
    "get", Map.of("key", String.class),
    "set", Map.of("entry", JsonObject.class, "ttlMs", Number.class),
    "reset", Map.of("key", String.class),
    "acquireLock", Map.of("key", String.class, "request", JsonObject.class),
    "releaseLock", Map.of("key", String.class, "token", String.class),
    "extendLock", Map.of("key", String.class, "token", String.class, "expMs", Number.class),
    "isLocked", Map.of("key", String.class),
    "acquireSlot", Map.of("key", String.class, "maxSize", Number.class, "slotExpMs", Number.class),
    "releaseSlot", Map.of("key", String.class, "slot", String.class),
    "poolSize", Map.of("key", String.class, "maxSize", Number.class));

  @Override
  public Future<Message<JsonObject>> intercept(Vertx vertx, Map<String, Object> context, Message<JsonObject> message) {
    String action = message.headers().get("action");
    Map<String, Class<?>> fields = ACTIONS.get(action);
    if (fields == null) {
      return Future.failedFuture(BusArguments.bad("unknown action '" + action + "'; the service takes "
        + ACTIONS.keySet()));
    }
    Object body = message.body();
    if (!(body instanceof JsonObject json)) {
      return Future.failedFuture(BusArguments.bad("the message body must be a JSON object"));
    }
    for (Map.Entry<String, Class<?>> field : fields.entrySet()) {
      Object value = json.getValue(field.getKey());
      if (value != null && !field.getValue().isInstance(value)) {
        return Future.failedFuture(BusArguments.bad(field.getKey() + " must be a "
          + field.getValue().getSimpleName().replace("JsonObject", "JSON object").toLowerCase()));
      }
    }
    return Future.succeededFuture(message);
  }
}
