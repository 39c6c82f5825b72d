package dev.cachify.service.users.bus;

import dev.cachify.service.users.UserAddresses;
import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import dev.cachify.service.users.UserService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The users service's public event-bus contract, cluster-wide: the JSON addresses of
 * {@link UserAddresses} and the typed {@link UserBusService} at {@link UserAddresses#SERVICE}, over
 * the node's {@link UserService} (the one its HTTP API uses). Every message gets an answer: the
 * reply, or {@code fail(code, message)} with the HTTP status {@link UserFailures} gives it.
 */
public final class UsersBusVerticle extends VerticleBase {

  private final UsersContract contract;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  public UsersBusVerticle(UserService users) {
    this.contract = new UsersContract(users);
  }

  @Override
  public Future<?> start() {
    consumers.add(new ServiceBinder(vertx).setAddress(UserAddresses.SERVICE)
      .addInterceptor(new UserProxyMessageCheck())
      .register(UserBusService.class, new InProcessUserBusService(contract)));
    on(UserAddresses.CREATE, contract::create);
    on(UserAddresses.GET, contract::get);
    on(UserAddresses.UPDATE, contract::update);
    on(UserAddresses.DELETE, contract::delete);
    on(UserAddresses.LIST, contract::list);
    // Clustered registrations reach the other nodes asynchronously: start once they have.
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void on(String address, Function<Object, Future<JsonObject>> operation) {
    consumers.add(vertx.eventBus().consumer(address, (Message<Object> message) -> {
      Future<JsonObject> reply;
      try {
        reply = operation.apply(message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(message::reply, failure -> {
        UserFailure answer = UserFailures.of(failure, address);
        message.fail(answer.code(), answer.getMessage());
      });
    }));
  }
}
