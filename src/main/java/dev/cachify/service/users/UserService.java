package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.Cachify;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.LeasedFn;
import dev.cachify.lock.LockHandle;
import dev.cachify.lock.OnceFunction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The tutorial's use of cachify, over the users event-bus contract: the read is
 * {@code cached("read_user-{userId}")}, the update is {@code once("update-user-{userId}")} and
 * resets the read after it commits. One instance per node, shared by every HTTP verticle, so the
 * node has one cache.
 *
 * <p>While the cache store is down, reads go to the database (the cached function reads through),
 * and changes fail with the store's error before they touch a row: an update cannot take its
 * {@code once} guard, a delete cannot reset the read first. A change whose reset fails after it
 * committed (the store died in between) fails with {@link StaleCacheException}, which says so.
 */
public final class UserService {

  private final EventBus eventBus;
  private final DeliveryOptions delivery;
  private final CachedFunction<User> readUser;
  private final OnceFunction<User> updateUser;
  private final Ttl readTtl;

  /**
   * @param localData whether this node hosts the repository: its requests then stay on the node
   *                  instead of being spread over every data node of the cluster
   */
  public UserService(Vertx vertx, Cachify cachify, Ttl readTtl, Ttl updateLockExp, long requestTimeoutMs,
                     boolean localData) {
    this.eventBus = vertx.eventBus();
    this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMs).setLocalOnly(localData);
    this.readTtl = readTtl;
    this.readUser = cachify.cached("read_user-{userId}")
      .ttl(readTtl)
      .as(User.class)
      .clusterSingleFlight(true)
      .wrap(Fn.of("userId", (Long userId) -> request(UserRepositoryAddresses.GET, idMessage(userId)).map(User::fromJson)));
    this.updateUser = cachify.once("update-user-{userId}")
      .exp(updateLockExp)
      .onLocked(Fallback.failing())
      .wrapLeased(LeasedFn.of("userId", "input", this::updateAndReset));
  }

  /** The user as JSON bytes, from the cache when it is there, without decoding the entry. */
  public Future<Buffer> readJson(long id) {
    return readUser.callEncoded(id);
  }

  public Future<User> create(UserRequests.UserInput input) {
    return request(UserRepositoryAddresses.CREATE, input.toJson()).map(User::fromJson);
  }

  /** Replaces the user's fields unless another update of it runs: then fails with CachifyLockException. */
  public Future<User> update(long id, UserRequests.UserInput input) {
    return updateUser.call(id, input);
  }

  /**
   * Resets the cached read, deletes the row, and resets again. The first reset makes a store outage
   * fail the delete before it deletes anything: otherwise the row would be gone while the cache,
   * out of reach, may keep answering the user. The second one drops what a read stored in between.
   */
  public Future<Void> delete(long id) {
    return readUser.reset(id)
      .compose(ready -> request(UserRepositoryAddresses.DELETE, idMessage(id)))
      .compose(deleted -> resetAfterCommit(id, "deleted"));
  }

  public Future<JsonObject> list(int limit, long offset) {
    return request(UserRepositoryAddresses.LIST, new JsonObject().put("limit", limit).put("offset", offset));
  }

  /**
   * Writes with the lock's fencing token: if the lock expired while this update waited and a newer
   * update wrote meanwhile, the database refuses this write (409) instead of undoing the newer one.
   */
  private Future<User> updateAndReset(Long id, UserRequests.UserInput input, LockHandle lock) {
    JsonObject message = input.toJson().put("id", id).put("fence", lock.fence());
    return request(UserRepositoryAddresses.UPDATE, message)
      .map(User::fromJson)
      // The reset follows the commit; after a failed update it still runs, since a timed-out
      // update may have committed anyway, and the original failure is what the caller gets.
      .compose(user -> resetAfterCommit(id, "updated").map(user),
        failure -> readUser.reset(id).transform(ignored -> Future.failedFuture(failure)));
  }

  /** The reset that follows a committed change; its failure says the change is made. */
  private Future<Void> resetAfterCommit(long id, String change) {
    return readUser.reset(id).recover(failure -> Future.failedFuture(new StaleCacheException("user " + id
      + " was " + change + ", but its cached read could not be reset (" + failure.getMessage()
      + "): the old user may be answered until the entry expires" + expiry()
      + "; repeat the request once the cache store is back", failure)));
  }

  private String expiry() {
    return readTtl.duration() == null ? "" : " (at most " + readTtl.duration().toSeconds() + " s)";
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return eventBus.<JsonObject>request(address, body, delivery).map(Message::body);
  }

  private static JsonObject idMessage(long id) {
    return new JsonObject().put("id", id);
  }
}
