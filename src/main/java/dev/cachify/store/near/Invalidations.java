package dev.cachify.store.near;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster half of a {@link NearCacheStore}: who else keeps a near cache, and telling them all
 * to drop a key after a write.
 *
 * <p><b>Members.</b> Each near cache is a member with a random id and an event-bus consumer of its
 * own ({@code cachify.near-cache.<name>.<member>}). The registry is one entry, {@code <name>}, of
 * the cluster-wide async map {@value #REGISTRY_MAP}: a JSON object from member id to the Vert.x
 * node id it lives on, changed only by compare-and-replace. A member starts listening (caching)
 * only once its consumer is registered and the registry holds it, so a writer that reads the
 * registry after its write and does not find a member knows that member began caching after the
 * write, and reads the new value.
 *
 * <p><b>Announcing a write.</b> After the backing store took a write, the writer reads the
 * registry and asks every other member to drop the key, waiting for each acknowledgement. A member
 * that does not answer (crashed but not yet out of the cluster, paused, unreachable) is waited out:
 * once the max age (and a clock slack) has passed since the write, it cannot answer anything it
 * read before the write. Members on nodes this node saw leave the cluster are skipped.
 *
 * <p><b>Membership.</b> When a node leaves this node's view of the cluster (it died, or the
 * network split them), the members of that node stop invalidating this one, and the other side of
 * a split may go on writing: this near cache drops everything and stops caching until it has put
 * itself back in the registry (which a split may have lost). It does the same when a node it saw
 * leave comes back (a healed split: the merged registry may have lost it). A node that merely
 * joins only makes it re-register.
 */
final class Invalidations {

  static final String REGISTRY_MAP = "cachify.near-cache";
  static final String ADDRESS_PREFIX = "cachify.near-cache.";
  /** What the writer adds to the max age: the clock of a hit lags by about a millisecond. */
  static final Duration CLOCK_SLACK = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(NearCacheStore.class);
  private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RETRY_REGISTER = Duration.ofSeconds(1);
  private static final String LOCAL_NODE = "local";

  private final Vertx vertx;
  private final Context context;
  private final NearCache near;
  private final String name;
  private final String memberId = UUID.randomUUID().toString();
  private final String nodeId;
  private final ClusterManager clusterManager;
  private final long waitOutNanos;
  private final DeliveryOptions delivery;
  /** Nodes seen leaving the cluster (and not back): their members are not waited for. */
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  private final Promise<Void> firstRegistration = Promise.promise();

  private volatile Future<AsyncMap<String, JsonObject>> registry;
  private MessageConsumer<String> consumer;
  private ClusterWatch watch;
  /** Bumped by every membership change that stops caching; a registration of an older one does not restart it. */
  private long membershipEpoch;
  private boolean closed;
  /** Whether the consumer is registered: only then may the member be in the registry. */
  private boolean consuming;

  Invalidations(Vertx vertx, Context context, NearCache near, String name, Duration maxAge) {
    this.vertx = vertx;
    this.context = context;
    this.near = near;
    this.name = name;
    this.clusterManager = vertx instanceof VertxInternal internal ? internal.clusterManager() : null;
    this.nodeId = clusterManager == null ? LOCAL_NODE : clusterManager.getNodeId();
    this.waitOutNanos = maxAge.plus(CLOCK_SLACK).toNanos();
    this.delivery = new DeliveryOptions().setSendTimeout(TimeUnit.NANOSECONDS.toMillis(waitOutNanos) + 1);
  }

  String memberId() {
    return memberId;
  }

  static String address(String name, String memberId) {
    return ADDRESS_PREFIX + name + "." + memberId;
  }

  /** Registers the consumer, then the member; caching starts when both are done. */
  Future<Void> start() {
    context.runOnContext(v -> {
      if (clusterManager != null) {
        watch = ClusterWatch.start(context, clusterManager, this::membershipChanged);
      }
      listen();
    });
    return firstRegistration.future();
  }

  private void listen() {
    if (closed) {
      return;
    }
    consumer = vertx.eventBus().consumer(address(name, memberId), this::onInvalidate);
    consumer.completion().onComplete(done -> {
      if (done.succeeded()) {
        consuming = true;
        register(membershipEpoch);
        return;
      }
      LOG.warn("Near cache '{}': cannot listen on the event bus ({}); not caching, retrying in {} ms",
        name, done.cause().getMessage(), RETRY_REGISTER.toMillis());
      consumer.unregister();
      vertx.setTimer(RETRY_REGISTER.toMillis(), id -> context.runOnContext(again -> listen()));
    });
  }

  /** Completes once this member first joined the registry (and the near cache began caching). */
  Future<Void> ready() {
    return firstRegistration.future();
  }

  private void onInvalidate(Message<String> message) {
    near.invalidate(message.body());
    message.reply(null);
  }

  // ---- announcing a write ------------------------------------------------------------------------

  /**
   * Completes once every other member dropped {@code key}, or was waited out: call after the
   * backing store answered the write. Never fails.
   */
  Future<Void> announce(String key) {
    long deadline = System.nanoTime() + waitOutNanos;
    return members().transform(read -> {
      if (read.failed()) {
        LOG.warn("Near cache '{}': cannot read the registry to invalidate '{}' ({}); waiting out the max age",
          name, key, read.cause().getMessage());
        return waitUntil(deadline);
      }
      JsonObject members = read.result();
      List<Future<Void>> acks = null;
      for (String member : members.fieldNames()) {
        if (member.equals(memberId) || isGone(String.valueOf(members.getValue(member)))) {
          continue;
        }
        if (acks == null) {
          acks = new ArrayList<>(members.size());
        }
        acks.add(invalidate(member, key, deadline));
      }
      return acks == null ? Future.succeededFuture() : Future.join(acks).<Void>mapEmpty();
    });
  }

  /**
   * Whether {@code node} left the cluster as this node sees it: seen leaving and not in the current
   * view. A node never seen leaving (one that just joined, whose arrival the view may not show
   * yet) and one back from a split are waited for.
   */
  private boolean isGone(String node) {
    return departed.contains(node) && (clusterManager == null || !clusterManager.getNodes().contains(node));
  }

  private Future<Void> invalidate(String member, String key, long deadline) {
    return vertx.eventBus().request(address(name, member), key, delivery).transform(answer -> {
      if (answer.succeeded()) {
        return Future.succeededFuture();
      }
      LOG.warn("Near cache '{}': member {} did not acknowledge the invalidation of '{}' ({}); waiting out the max age",
        name, member, key, answer.cause().getMessage());
      return waitUntil(deadline);
    });
  }

  private Future<Void> waitUntil(long deadline) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1;
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(millis, id -> waited.complete());
    return waited.future();
  }

  // ---- the registry ------------------------------------------------------------------------------

  private Future<AsyncMap<String, JsonObject>> registry() {
    Future<AsyncMap<String, JsonObject>> current = registry;
    if (current == null || current.failed()) {
      current = vertx.sharedData().getAsyncMap(REGISTRY_MAP);
      registry = current;
    }
    return current;
  }

  private Future<JsonObject> members() {
    return registry().compose(map -> map.get(name))
      .timeout(REGISTRY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
      .map(members -> members == null ? new JsonObject() : members);
  }

  /** Changes the registry entry by compare-and-replace, again from a fresh read when another won. */
  private Future<Void> update(Consumer<JsonObject> change) {
    return registry().compose(map -> map.get(name).compose(current -> {
      JsonObject next = current == null ? new JsonObject() : current.copy();
      change.accept(next);
      if (next.equals(current) || (current == null && next.isEmpty())) {
        return Future.<Void>succeededFuture();
      }
      Future<Boolean> written = current == null
        ? map.putIfAbsent(name, next).map(previous -> previous == null)
        : next.isEmpty() ? map.removeIfPresent(name, current) : map.replaceIfPresent(name, current, next);
      return written.compose(won -> won ? Future.<Void>succeededFuture() : update(change));
    })).timeout(REGISTRY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Puts this member in the registry (and takes departed nodes' members out), then caches. */
  private void register(long epoch) {
    if (!consuming) {
      return; // listen() registers once the consumer is
    }
    update(members -> {
      if (closed) {
        members.remove(memberId); // a close raced this registration: stay out
      } else {
        members.put(memberId, nodeId);
      }
      members.fieldNames().removeIf(member -> departed.contains(String.valueOf(members.getValue(member))));
    }).onComplete(done -> {
      if (closed || epoch != membershipEpoch) {
        return; // a newer change registers again
      }
      if (done.failed()) {
        LOG.warn("Near cache '{}': cannot register in the cluster ({}); not caching, retrying in {} ms",
          name, done.cause().getMessage(), RETRY_REGISTER.toMillis());
        vertx.setTimer(RETRY_REGISTER.toMillis(), id -> context.runOnContext(v -> register(epoch)));
        return;
      }
      if (near.setListening(true) && firstRegistration.future().isComplete()) {
        LOG.info("Near cache '{}' caching again: registered with the cluster as {}", name, memberId);
      }
      firstRegistration.tryComplete();
    });
  }

  // ---- membership --------------------------------------------------------------------------------

  private void membershipChanged(Set<String> left, Set<String> joined) {
    if (closed) {
      return;
    }
    boolean healed = joined.stream().anyMatch(departed::contains);
    departed.addAll(left);
    departed.removeAll(joined);
    if (!left.isEmpty() || healed) {
      membershipEpoch++;
      if (near.setListening(false)) {
        LOG.warn("Near cache '{}' dropped: the cluster changed (left: {}, joined: {}); caching again once registered",
          name, left, joined);
      }
    } else {
      LOG.info("Near cache '{}': the cluster changed (joined: {}); registering again", name, joined);
    }
    register(membershipEpoch);
  }

  /** Takes this member out of the registry and stops listening; never fails. */
  Future<Void> close() {
    Promise<Void> closedDown = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      near.setListening(false);
      if (watch != null) {
        watch.stop();
      }
      firstRegistration.tryFail("near cache closed");
      // Out of the registry first: a writer that still finds the member gets its answer.
      update(members -> members.remove(memberId))
        .recover(e -> {
          LOG.warn("Near cache '{}': cannot leave the registry ({}); writers will wait out member {} until its node leaves",
            name, e.getMessage(), memberId);
          return Future.succeededFuture();
        })
        .compose(out -> consumer == null ? Future.<Void>succeededFuture() : consumer.unregister())
        .onComplete(done -> closedDown.complete());
    });
    return closedDown.future();
  }
}
