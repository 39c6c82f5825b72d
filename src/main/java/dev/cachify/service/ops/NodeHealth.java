package dev.cachify.service.ops;

import dev.cachify.store.Store;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node's health checks, each UP or DOWN with its state in {@code data}: {@code store} (one
 * round trip to the cache store), {@code database} (a query by a data node, this one when it has
 * the data role, over the event bus otherwise) and {@code cluster} (this node's membership). A
 * check answers within {@link #CHECK_TIMEOUT_MS}: a store or database that does not answer is
 * DOWN, never a hanging request.
 */
public final class NodeHealth {

  /** How long a check waits for its answer before it reports DOWN. */
  public static final long CHECK_TIMEOUT_MS = 2_000;
  /** The health-check module's own bound, above ours so that a slow check is DOWN, not a 500. */
  private static final long PROCEDURE_TIMEOUT_MS = CHECK_TIMEOUT_MS + 1_000;

  private NodeHealth() {
  }

  /**
   * @param needsDatabase whether this node serves users (checks the database)
   * @param localData     whether the database is this node's own (data role)
   */
  public static HealthChecks create(Vertx vertx, Store store, boolean needsDatabase, boolean localData) {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("store", PROCEDURE_TIMEOUT_MS, promise -> checkStore(store, promise));
    if (needsDatabase) {
      checks.register("database", PROCEDURE_TIMEOUT_MS, promise -> checkDatabase(vertx, localData, promise));
    }
    checks.register("cluster", PROCEDURE_TIMEOUT_MS, promise -> checkCluster(vertx, promise));
    return checks;
  }

  private static void checkStore(Store store, Promise<Status> promise) {
    JsonObject data = new JsonObject().put("store", store.name());
    long began = System.nanoTime();
    store.ping().timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(
      answered -> promise.complete(Status.OK(data.put("latencyMs", millisSince(began)))),
      failure -> promise.complete(Status.KO(data.put("error", describe(failure)))));
  }

  private static void checkDatabase(Vertx vertx, boolean localData, Promise<Status> promise) {
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(CHECK_TIMEOUT_MS).setLocalOnly(localData);
    long began = System.nanoTime();
    vertx.eventBus().<JsonObject>request(UserRepositoryAddresses.HEALTH, null, delivery).onComplete(
      reply -> promise.complete(Status.OK(reply.body().copy()
        .put("servedBy", localData ? "this node" : "a data node of the cluster")
        .put("latencyMs", millisSince(began)))),
      failure -> promise.complete(Status.KO(new JsonObject().put("error", databaseError(failure, localData)))));
  }

  private static void checkCluster(Vertx vertx, Promise<Status> promise) {
    if (!vertx.isClustered()) {
      promise.complete(Status.OK(new JsonObject().put("clustered", false)));
      return;
    }
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    JsonObject data = new JsonObject().put("clustered", true);
    if (!manager.isActive()) {
      promise.complete(Status.KO(data.put("error", "this node is not in the cluster (its cluster manager stopped)")));
      return;
    }
    List<String> members = manager.getNodes();
    promise.complete(Status.OK(data.put("node", manager.getNodeId()).put("members", members == null ? 0 : members.size())));
  }

  private static String databaseError(Throwable failure, boolean localData) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return localData ? "the users repository is not running on this node" : "no data node in the cluster";
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return "no answer within " + CHECK_TIMEOUT_MS + " ms";
    }
    return describe(failure);
  }

  private static long millisSince(long began) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
  }

  private static String describe(Throwable failure) {
    if (failure instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + CHECK_TIMEOUT_MS + " ms";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
