package dev.cachify.service.users.bus;

import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import dev.cachify.service.users.UserRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.serviceproxy.ServiceInterceptor;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks a message to the typed service before the generated proxy handler casts its fields: a
 * known {@code action} header, and a body that passes the JSON address's own check (which also
 * refuses unknown fields), so a bad message from a bridge client gets 400 naming the field, never
 * a ClassCastException or a truncated number.
 */
final class UserProxyMessageCheck implements ServiceInterceptor {

  private static final Map<String, Consumer<Object>> ACTIONS = Map.of(
    "get", UserRequests::id,
    "create", UserRequests::input,
    "update", UserRequests::update,
    "delete", UserRequests::id,
    "list", UserRequests::page);

  @Override
  public Future<Message<JsonObject>> intercept(Vertx vertx, Map<String, Object> context, Message<JsonObject> message) {
    String action = message.headers().get("action");
    Consumer<Object> check = action == null ? null : ACTIONS.get(action); // Map.of refuses to look up null
    if (check == null) {
      return Future.failedFuture(new ServiceException(UserFailures.BAD_REQUEST, "unknown action '" + action
        + "'; the service takes " + ACTIONS.keySet()));
    }
    try {
      check.accept(withoutNulls(message.body()));
    } catch (UserFailure bad) {
      return Future.failedFuture(new ServiceException(bad.code(), bad.getMessage()));
    }
    return Future.succeededFuture(message);
  }

  /** The proxy sends an absent optional argument as a JSON null: the same as leaving it out. */
  private static Object withoutNulls(Object body) {
    if (!(body instanceof JsonObject json) || !json.getMap().containsValue(null)) {
      return body;
    }
    JsonObject copy = json.copy();
    copy.getMap().values().removeIf(value -> value == null);
    return copy;
  }
}
