package dev.cachify.service.users.bus;

import dev.cachify.service.users.User;
import dev.cachify.service.users.UserAddresses;
import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

/**
 * {@link UserBusService} over the JSON contract: each call becomes the JSON request the
 * {@code users.*} address takes and runs through {@link UsersContract}, so the typed client and the
 * JSON addresses are checked by the same rules and give the same answers; every failure becomes a
 * {@link ServiceException} with its {@link UserFailures} code.
 */
final class InProcessUserBusService implements UserBusService {

  private final UsersContract contract;

  InProcessUserBusService(UsersContract contract) {
    this.contract = contract;
  }

  @Override
  public Future<User> get(Long id) {
    return answer(contract.get(new JsonObject().put("id", id)).map(User::new), "get");
  }

  @Override
  public Future<User> create(String name, String email) {
    return answer(contract.create(new JsonObject().put("name", name).put("email", email)).map(User::new), "create");
  }

  @Override
  public Future<User> update(Long id, String name, String email) {
    JsonObject request = new JsonObject().put("id", id).put("name", name).put("email", email);
    return answer(contract.update(request).map(User::new), "update");
  }

  @Override
  public Future<Void> delete(Long id) {
    return answer(contract.delete(new JsonObject().put("id", id)).mapEmpty(), "delete");
  }

  @Override
  public Future<UserPage> list(Integer limit, Long offset) {
    JsonObject request = new JsonObject();
    if (limit != null) {
      request.put("limit", limit);
    }
    if (offset != null) {
      request.put("offset", offset);
    }
    return answer(contract.list(request).map(UserPage::new), "list");
  }

  private static <T> Future<T> answer(Future<T> result, String action) {
    return result.recover(failure -> {
      UserFailure answer = UserFailures.of(failure, UserAddresses.SERVICE + " " + action);
      return Future.failedFuture(new ServiceException(answer.code(), answer.getMessage()));
    });
  }
}
