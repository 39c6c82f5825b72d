package dev.cachify.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceInterceptor;

import java.util.Map;

/**
 * Checks a message to {@link CachifyAddresses#SERVICE} before the generated proxy handler casts
 * its fields: a known {@code action} header and fields of the right JSON types, those of a request
 * object ({@link LockRequest}, {@link LoadRequest}) included, so that a bad message from a bridge
 * client gets BAD_MESSAGE naming the field, not a ClassCastException. Values are then checked by
 * {@link InProcessCachifyService}, as for every caller.
 */
final class ProxyMessageCheck implements ServiceInterceptor {

  private static final Map<String, Map<String, Class<?>>> ACTIONS = Map.ofEntries(
    Map.entry("get", Map.of("key", String.class)),
    Map.entry("set", Map.of("entry", JsonObject.class, "ttlMs", Number.class)),
    Map.entry("reset", Map.of("key", String.class)),
    Map.entry("load", Map.of("key", String.class, "request", JsonObject.class)),
    Map.entry("acquireLock", Map.of("key", String.class, "request", JsonObject.class)),
    Map.entry("releaseLock", Map.of("key", String.class, "token", String.class)),
    Map.entry("extendLock", Map.of("key", String.class, "token", String.class, "expMs", Number.class)),
    Map.entry("isLocked", Map.of("key", String.class)),
    Map.entry("acquireSlot", Map.of("key", String.class, "maxSize", Number.class, "slotExpMs", Number.class)),
    Map.entry("releaseSlot", Map.of("key", String.class, "slot", String.class)),
    Map.entry("poolSize", Map.of("key", String.class, "maxSize", Number.class)));
  /** The fields of the request objects, by action; a load's {@code body} may be any JSON. */
  private static final Map<String, Map<String, Class<?>>> REQUESTS = Map.of(
    "acquireLock", Map.of("expMs", Number.class, "nowait", Boolean.class, "timeoutMs", Number.class),
    "load", Map.of("ttlMs", Number.class, "loader", String.class));

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
    String wrong = wrongField("", json, fields);
    if (wrong == null && REQUESTS.containsKey(action) && json.getValue("request") instanceof JsonObject request) {
      wrong = wrongField("request.", request, REQUESTS.get(action));
    }
    return wrong == null ? Future.succeededFuture(message) : Future.failedFuture(BusArguments.bad(wrong));
  }

  /** What is wrong with the first field of {@code json} that has the wrong type, or {@code null}. */
  private static String wrongField(String path, JsonObject json, Map<String, Class<?>> fields) {
    for (Map.Entry<String, Class<?>> field : fields.entrySet()) {
      Object value = json.getValue(field.getKey());
      if (value != null && !field.getValue().isInstance(value)) {
        return path + field.getKey() + " must be a "
          + field.getValue().getSimpleName().replace("JsonObject", "JSON object").toLowerCase();
      }
    }
    return null;
  }
}
