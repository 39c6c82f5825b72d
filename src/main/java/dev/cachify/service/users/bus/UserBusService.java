package dev.cachify.service.users.bus;

import dev.cachify.service.users.User;
import dev.cachify.service.users.UserAddresses;
import dev.cachify.service.users.UserFailures;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The users service for other JVM services on the cluster: a typed client of the public contract
 * ({@link UserAddresses}), with the HTTP API's guarantees: the cached read, an update that runs
 * once at a time per user across the cluster, is fenced, and resets the cached read after its
 * commit. Failures are {@code ReplyException}s (a {@code ServiceException} when the service
 * failed, a plain one when the message check refused the call) whose codes are the HTTP statuses
 * of {@link UserFailures}: 226 ({@code update in progress}), 400, 404, 409, 500, 503, 504.
 *
 * <pre>{@code
 * UserBusService users = UserBusService.createProxy(vertx);
 * users.update(id, "Ada L", "ada@example.com")
 *     .recover(failure -> failure instanceof ReplyException busy && busy.failureCode() == 226
 *         ? users.get(id)                      // another update of this user runs: read what is there
 *         : Future.failedFuture(failure));
 * }</pre>
 */
@ProxyGen
@VertxGen
public interface UserBusService {

  /** A client of the service at {@link UserAddresses#SERVICE}, with the event bus's default timeout. */
  @GenIgnore
  static UserBusService createProxy(Vertx vertx) {
    return new UserBusServiceVertxEBProxy(vertx, UserAddresses.SERVICE);
  }

  /** A client whose requests carry {@code options} (a send timeout, headers). */
  @GenIgnore
  static UserBusService createProxy(Vertx vertx, DeliveryOptions options) {
    return new UserBusServiceVertxEBProxy(vertx, UserAddresses.SERVICE, options);
  }

  /** The user, from the cache when it is there (cached 300 s); fails 404 when there is none. */
  Future<User> get(Long id);

  /** Creates a user: both fields required, checked as the HTTP API checks them. */
  Future<User> create(String name, String email);

  /** Replaces the user's fields; fails 226 while another update of that user runs anywhere, 404 when absent. */
  Future<User> update(Long id, String name, String email);

  /** Deletes the user and its cached read; fails 404 when absent. */
  Future<Void> delete(Long id);

  /** A page of users by id: {@code limit} 1-100 (null: 20), {@code offset} at least 0 (null: 0). */
  Future<UserPage> list(@Nullable Integer limit, @Nullable Long offset);
}
