package dev.cachify.service.users.data;

import dev.cachify.service.users.User;
import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import dev.cachify.service.users.UserRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;

/**
 * The users data service: answers the internal addresses of {@link UserRepositoryAddresses} from one table of a
 * JDBC database (SQLite or PostgreSQL), creating the table when absent. Every message is checked
 * before the database is touched, and every message is answered: the reply, or
 * {@code fail(code, message)} with a code of {@link UserFailures}.
 *
 * <pre>{@code
 * vertx.deployVerticle(new UserRepositoryVerticle(new UserRepositoryOptions()
 *   .setDatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")));
 * vertx.eventBus().request(UserRepositoryAddresses.GET, new JsonObject().put("id", 1));
 * }</pre>
 *
 * Deploying fails, with a message naming the database and the table, when the table cannot be
 * created or checked (an unreachable database, a bad URL): a node without its data fails at once.
 */
public class UserRepositoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UserRepositoryVerticle.class);

  private final UserRepositoryOptions options;
  private UserTable table;

  public UserRepositoryVerticle(UserRepositoryOptions options) {
    this.options = new UserRepositoryOptions(options);
  }

  @Override
  public Future<?> start() {
    String database = JdbcUrls.redact(options.getDatabaseUrl());
    table = new UserTable(vertx, options.getDatabaseUrl(), options.getTable(), options.getPoolSize());
    return table.createIfAbsent()
      .recover(failure -> table.close().transform(closed -> Future.failedFuture(new IllegalStateException(
        "users repository cannot use table " + options.getTable() + " of " + database + ": " + failure.getMessage(),
        failure))))
      .compose(ready -> Future.all(List.of(
        serve(UserRepositoryAddresses.CREATE, this::create),
        serve(UserRepositoryAddresses.GET, this::get),
        serve(UserRepositoryAddresses.UPDATE, this::update),
        serve(UserRepositoryAddresses.DELETE, this::delete),
        serve(UserRepositoryAddresses.LIST, this::list),
        serve(UserRepositoryAddresses.HEALTH, this::health))))
      .onSuccess(served -> LOG.info("Users repository on {}, table {} ({} connections{})", database,
        options.getTable(), options.getPoolSize(),
        options.getSimulatedDelayMs() > 0 ? ", simulated delay " + options.getSimulatedDelayMs() + " ms" : ""));
  }

  @Override
  public Future<?> stop() {
    return table == null ? Future.succeededFuture() : table.close();
  }

  private Future<JsonObject> create(Object body) {
    UserRequests.UserInput user = UserRequests.input(body);
    return table.insert(user.name(), user.email()).map(User::toJson);
  }

  /** Reads at once; with a simulated delay, answers the row it read that much later. */
  private Future<JsonObject> get(Object body) {
    long id = UserRequests.id(body);
    return table.find(id)
      .eventually(this::simulatedDelay)
      .compose(user -> found(id, user));
  }

  /** With a simulated delay, waits that much first, then writes. */
  private Future<JsonObject> update(Object body) {
    UserRequests.FencedChange change = UserRequests.fencedUpdate(body, System.currentTimeMillis());
    return simulatedDelay()
      .compose(waited -> change.fence() == 0
        ? table.update(change.id(), change.name(), change.email())
        : table.update(change.id(), change.name(), change.email(), change.fence()))
      .compose(user -> found(change.id(), user));
  }

  private Future<JsonObject> delete(Object body) {
    long id = UserRequests.id(body);
    return table.delete(id).compose(deleted -> deleted
      ? Future.succeededFuture(new JsonObject().put("id", id).put("deleted", true))
      : Future.failedFuture(UserFailure.notFound(id)));
  }

  private Future<JsonObject> list(Object body) {
    UserRequests.Page page = UserRequests.page(body);
    return table.list(page.limit(), page.offset()).map(users -> new JsonObject()
      .put("users", new JsonArray(users.stream().map(User::toJson).toList()))
      .put("limit", page.limit())
      .put("offset", page.offset()));
  }

  private Future<JsonObject> health(Object body) {
    return table.probe().map(answered -> new JsonObject().put("database", JdbcUrls.redact(options.getDatabaseUrl())));
  }

  private static Future<JsonObject> found(long id, User user) {
    return user == null ? Future.failedFuture(UserFailure.notFound(id)) : Future.succeededFuture(user.toJson());
  }

  private Future<Void> simulatedDelay() {
    long delay = options.getSimulatedDelayMs();
    return delay > 0 ? vertx.timer(delay) : Future.succeededFuture();
  }

  /** Registers {@code operation} on {@code address}; whatever it does, the message is answered. */
  private Future<Void> serve(String address, Function<Object, Future<JsonObject>> operation) {
    return vertx.eventBus().<Object>consumer(address, message -> {
      Future<JsonObject> reply;
      try {
        reply = operation.apply(message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(message::reply, failure -> fail(message, failure));
    }).completion();
  }

  private static void fail(Message<Object> message, Throwable failure) {
    if (failure instanceof UserFailure answer) {
      message.fail(answer.code(), answer.getMessage());
    } else {
      LOG.error("Users repository failed on {}", message.address(), failure);
      message.fail(UserFailures.DATABASE_ERROR, "internal error: " + failure);
    }
  }
}
