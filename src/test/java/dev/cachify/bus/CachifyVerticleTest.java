package dev.cachify.bus;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.lock.LockHandle;
import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-bus service against the in-process API over one store: what one writes the other
 * reads, a lock taken on one side holds on the other, and every bad message gets a failure code,
 * never a timeout.
 */
@ExtendWith(VertxExtension.class)
class CachifyVerticleTest {

  /** Short enough that a handler that forgot to answer fails the test as a TIMEOUT. */
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);

  private Vertx vertx;
  private Cachify cachify;
  private CachifyService proxy;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(new MemoryStore()).setPrefix("T-"));
    await(vertx.deployVerticle(new CachifyVerticle(cachify)));
    proxy = CachifyService.createProxy(vertx);
  }

  @Test
  void aValueSetOverTheBusIsReadInProcessAndTheOtherWayRound() {
    JsonObject user = new JsonObject().put("id", 5).put("name", "Ada");
    await(request(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "u-5").put("value", user)));
    assertThat(await(cachify.entry("u-5").get())).isEqualTo(user);

    await(cachify.entry("list").set(new JsonArray().add(1).add("two")));
    assertThat(await(request(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "list"))))
      .isEqualTo(new JsonObject().put("key", "list").put("found", true).put("value", new JsonArray().add(1).add("two")));
    CacheValue viaProxy = await(proxy.get("list"));
    assertThat(viaProxy.isFound()).isTrue();
    assertThat(viaProxy.getValue()).isEqualTo(new JsonArray().add(1).add("two"));

    assertThat(await(request(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "absent"))))
      .isEqualTo(new JsonObject().put("key", "absent").put("found", false).putNull("value"));
  }

  @Test
  void aResetOverTheBusMakesACachedFunctionLoadAgain() {
    AtomicInteger loads = new AtomicInteger();
    CachedFunction<Object> readUser = cachify.cached("read_user-{userId}").ttl(Ttl.seconds(300))
      .wrap(Fn.of("userId", (Long id) -> Future.succeededFuture(
        new JsonObject().put("id", id).put("load", loads.incrementAndGet()))));
    await(readUser.call(5L));
    assertThat(await(proxy.get("read_user-5-cached")).getValue())
      .isEqualTo(new JsonObject().put("id", 5).put("load", 1));

    await(request(CachifyAddresses.CACHE_RESET, new JsonObject().put("key", "read_user-5-cached")));

    assertThat(await(readUser.call(5L))).isEqualTo(new JsonObject().put("id", 5).put("load", 2));
    assertThat(loads).hasValue(2);
  }

  @Test
  void aLockTakenThroughTheProxyHoldsForOnceInProcess() {
    LockGrant grant = await(proxy.acquireLock("update-user-7-once", new LockRequest().setExpMs(30_000L)));
    assertThat(grant.getToken()).isNotBlank();
    assertThat(await(cachify.isLocked("update-user-7-once"))).isTrue();

    AtomicInteger runs = new AtomicInteger();
    Future<Integer> update = cachify.once("update-user-{id}").onLocked(Fallback.failing())
      .wrap(Fn.of("id", (Long id) -> Future.succeededFuture(runs.incrementAndGet()))).call(7L);
    assertThat(failure(update)).isInstanceOf(CachifyLockException.class);
    assertThat(runs).hasValue(0);

    assertThat(await(proxy.releaseLock("update-user-7-once", "not-the-token"))).isFalse();
    assertThat(await(cachify.isLocked("update-user-7-once"))).isTrue();
    assertThat(await(proxy.releaseLock("update-user-7-once", grant.getToken()))).isTrue();
    assertThat(await(proxy.isLocked("update-user-7-once"))).isFalse();
  }

  @Test
  void aLockHeldInProcessIsRefusedOverTheBusWithTheLockedCode() {
    LockHandle held = await(cachify.lock("jobs").acquire());

    assertThat(replyFailure(request(CachifyAddresses.LOCK_ACQUIRE, new JsonObject().put("key", "jobs"))))
      .satisfies(f -> assertThat(f.failureCode()).isEqualTo(CachifyFailures.LOCKED))
      .hasMessageContaining("T-jobs is already locked");
    Throwable viaProxy = failure(proxy.acquireLock("jobs", null));
    assertThat(viaProxy).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) viaProxy).failureCode()).isEqualTo(CachifyFailures.LOCKED);
    assertThat(await(request(CachifyAddresses.LOCK_STATUS, new JsonObject().put("key", "jobs"))))
      .isEqualTo(new JsonObject().put("key", "jobs").put("locked", true));

    await(held.release());
    JsonObject grant = await(request(CachifyAddresses.LOCK_ACQUIRE,
      new JsonObject().put("key", "jobs").put("expMs", 20_000)));
    assertThat(grant.getLong("expMs")).isEqualTo(20_000L);
    assertThat(await(request(CachifyAddresses.LOCK_EXTEND, new JsonObject().put("key", "jobs")
      .put("token", grant.getString("token")).put("expMs", 40_000)))).isEqualTo(
      new JsonObject().put("key", "jobs").put("extended", true));
    assertThat(await(cachify.lock("jobs").handle(grant.getString("token")).release())).isTrue();
  }

  @Test
  void aWaitingAcquireOverTheBusGetsTheLockWhenItIsReleased() {
    LockHandle held = await(cachify.lock("queue").acquire());
    Future<JsonObject> waiting = request(CachifyAddresses.LOCK_ACQUIRE,
      new JsonObject().put("key", "queue").put("nowait", false).put("timeoutMs", 4_000));
    assertThat(waiting.isComplete()).isFalse();

    await(held.release());

    assertThat(await(waiting).getString("token")).isNotBlank().isNotEqualTo(held.token());
  }

  @Test
  void poolsOverTheBusShareTheirSlotsWithTheInProcessPool() {
    JsonObject slot = await(request(CachifyAddresses.POOL_ACQUIRE, new JsonObject().put("key", "exports").put("maxSize", 1)));
    assertThat(await(cachify.pool("exports", 1).size())).isEqualTo(1);
    assertThat(failure(cachify.pool("exports", 1).acquire())).hasMessageContaining("is full (max_size=1)");
    assertThat(replyFailure(request(CachifyAddresses.POOL_ACQUIRE, new JsonObject().put("key", "exports").put("maxSize", 1)))
      .failureCode()).isEqualTo(CachifyFailures.POOL_FULL);

    assertThat(await(request(CachifyAddresses.POOL_RELEASE, new JsonObject().put("key", "exports")
      .put("slot", slot.getString("slot"))))).isEqualTo(new JsonObject().put("key", "exports").put("released", true));
    assertThat(await(proxy.poolSize("exports", 1))).isZero();
  }

  static Stream<Arguments> badMessages() {
    return Stream.of(
      Arguments.of(CachifyAddresses.CACHE_GET, "a string", "must be a JSON object"),
      Arguments.of(CachifyAddresses.CACHE_GET, new JsonObject(), "key is required"),
      Arguments.of(CachifyAddresses.CACHE_GET, new JsonObject().put("key", 12), "key must be a string"),
      Arguments.of(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "  "), "key must not be blank"),
      Arguments.of(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "k".repeat(1025)), "at most 1024"),
      Arguments.of(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "k").put("ttl", 5), "unknown field 'ttl'"),
      Arguments.of(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "k"), "value is required"),
      Arguments.of(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "k").put("value", 1).put("ttlMs", 0), "ttlMs must be"),
      Arguments.of(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "k").put("value", 1).put("ttlMs", 1.5), "ttlMs must be a whole number"),
      Arguments.of(CachifyAddresses.LOCK_ACQUIRE, new JsonObject().put("key", "k").put("expMs", -1), "expMs must be"),
      Arguments.of(CachifyAddresses.LOCK_ACQUIRE, new JsonObject().put("key", "k").put("nowait", "no"), "nowait must be true or false"),
      Arguments.of(CachifyAddresses.LOCK_ACQUIRE, new JsonObject().put("key", "k").put("nowait", false).put("timeoutMs", 600_000), "timeoutMs must be"),
      Arguments.of(CachifyAddresses.LOCK_RELEASE, new JsonObject().put("key", "k"), "token is required"),
      Arguments.of(CachifyAddresses.LOCK_EXTEND, new JsonObject().put("key", "k").put("token", "t"), "expMs is required"),
      Arguments.of(CachifyAddresses.POOL_ACQUIRE, new JsonObject().put("key", "k").put("maxSize", 0), "maxSize must be at least 1"),
      Arguments.of(CachifyAddresses.POOL_SIZE, new JsonObject().put("key", "k"), "maxSize is required"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badMessages")
  void aBadMessageGetsABadMessageFailureNamingTheProblem(String address, Object body, String problem) {
    ReplyException failure = replyFailure(vertx.eventBus().<JsonObject>request(address, body, QUICK).map(Message::body));
    assertThat(failure.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(failure.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(failure).hasMessageContaining(problem);
  }

  @Test
  void theProxyChecksItsArgumentsByTheSameRules() {
    Throwable blank = failure(proxy.get(" "));
    assertThat(((ServiceException) blank).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(blank).hasMessageContaining("key must not be blank");
    Throwable noValue = failure(proxy.set(new CacheValue("k", null), null));
    assertThat(((ServiceException) noValue).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    Throwable zeroPool = failure(proxy.acquireSlot("k", 0, null));
    assertThat(zeroPool).hasMessageContaining("maxSize must be at least 1");
  }

  @Test
  void aBadMessageToTheServiceAddressGetsABadMessageFailureToo() {
    DeliveryOptions getAction = new DeliveryOptions(QUICK).addHeader("action", "get");
    ReplyException wrongType = replyFailure(vertx.eventBus().request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", 12), getAction));
    assertThat(wrongType.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(wrongType).hasMessageContaining("key must be a string");

    ReplyException unknownAction = replyFailure(vertx.eventBus().request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", "k"), new DeliveryOptions(QUICK).addHeader("action", "drop")));
    assertThat(unknownAction.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(unknownAction).hasMessageContaining("unknown action 'drop'");

    JsonObject found = await(vertx.eventBus().<JsonObject>request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", "absent"), getAction).map(Message::body));
    assertThat(found.getBoolean("found")).isFalse();
  }

  @Test
  void nothingIsStoredByABadSet() {
    await(cachify.entry("kept").set("original"));
    replyFailure(request(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "kept").put("value", "new").put("ttlMs", -5)));
    assertThat(await(cachify.entry("kept").get())).isEqualTo("original");
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, QUICK).map(Message::body);
  }

  private static ReplyException replyFailure(Future<?> future) {
    Throwable error = failure(future);
    assertThat(error).isInstanceOf(ReplyException.class);
    return (ReplyException) error;
  }
}
