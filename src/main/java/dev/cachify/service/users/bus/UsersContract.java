package dev.cachify.service.users.bus;

import dev.cachify.service.users.User;
import dev.cachify.service.users.UserFailures;
import dev.cachify.service.users.UserRequests;
import dev.cachify.service.users.UserService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * The public users contract ({@code users.*}) over the node's {@link UserService}, the one the HTTP
 * API uses: each operation checks its request by the HTTP API's rules ({@link UserRequests}), then
 * runs exactly what the HTTP API runs, so the read is the cached one, the update is once-guarded,
 * fenced and resets the read, and the delete resets it. A failure is whatever the service failed
 * with; {@link UserFailures#of} gives its code.
 */
final class UsersContract {

  private final UserService users;

  UsersContract(UserService users) {
    this.users = users;
  }

  Future<JsonObject> create(Object body) {
    return attempt(() -> users.create(UserRequests.input(body)).map(User::toJson));
  }

  /** The cached JSON, decoded once for the bus (the HTTP API sends the stored bytes as they are). */
  Future<JsonObject> get(Object body) {
    return attempt(() -> users.readJson(UserRequests.id(body)).map(JsonObject::new));
  }

  Future<JsonObject> update(Object body) {
    return attempt(() -> {
      UserRequests.UserChange change = UserRequests.update(body);
      return users.update(change.id(), change.input()).map(User::toJson);
    });
  }

  Future<JsonObject> delete(Object body) {
    return attempt(() -> {
      long id = UserRequests.id(body);
      return users.delete(id).map(deleted -> new JsonObject().put("id", id).put("deleted", true));
    });
  }

  Future<JsonObject> list(Object body) {
    return attempt(() -> {
      UserRequests.Page page = UserRequests.page(body);
      return users.list(page.limit(), page.offset());
    });
  }

  /** A request check that throws fails the future, to be answered like any other failure. */
  private static <T> Future<T> attempt(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
