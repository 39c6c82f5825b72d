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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.given;

/**
 * The event-bus service against the in-process API over one store: what one writes the other
 * reads, a lock taken on one side holds on the other, and every bad message gets a failure code,
 * never a timeout.
 */
@ExtendWith(VertxExtension.class)
class CachifyVerticleTest {

  /** Short enough that a handler that forgot to answer fails the test as a TIMEOUT. */
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);
  /** The loaders this node's loads may ask, and how long they wait for one. */
  private static final String LOADERS = "loaders\\..+";
  private static final long LOADER_TIMEOUT_MS = 500;

  private Vertx vertx;
  private Cachify cachify;
  private CachifyService proxy;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(new MemoryStore()).setPrefix("T-"));
    await(vertx.deployVerticle(new CachifyVerticle(cachify,
      new LoaderOptions().setAddressRegex(LOADERS).setTimeoutMs(LOADER_TIMEOUT_MS))));
    proxy = CachifyService.createProxy(vertx);
  }

  /** A node whose instance closed (it is stopping) is unavailable, as an unreachable store is: 503, not 500. */
  @Test
  void aClosedInstanceAnswers503() {
    await(cachify.close());
    ReplyException closed = replyFailure(request(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "k")));
    assertThat(closed.failureCode()).isEqualTo(CachifyFailures.STORE_UNAVAILABLE);
    assertThat(closed).hasMessageContaining("is closed");
    ReplyException viaProxy = replyFailure(proxy.acquireLock("k", null));
    assertThat(viaProxy.failureCode()).isEqualTo(CachifyFailures.STORE_UNAVAILABLE);
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
      Arguments.of(CachifyAddresses.POOL_SIZE, new JsonObject().put("key", "k"), "maxSize is required"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, new JsonObject().put("loader", "loaders.x"), "key is required"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, new JsonObject().put("key", "k"), "loader is required"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("loader", 5), "loader must be a string"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", " "), "loader must not be blank"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders." + "x".repeat(250)), "loader must be at most 256 characters"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("ttlMs", 0), "ttlMs must be 1.."),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("ttlMs", "soon"), "ttlMs must be a whole number"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("ttlMs", 1.5), "ttlMs must be a whole number"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("body", "b".repeat(70_000)),
        "body must be at most 65536 bytes of JSON"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "loaders.x").put("loaderTimeoutMs", 5), "unknown field 'loaderTimeoutMs'"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "evil.loaders.x"),
        "loader 'evil.loaders.x' is not allowed: it does not match CACHIFY_LOADER_ADDRESSES"),
      Arguments.of(CachifyAddresses.CACHE_LOAD, load("k", "internal.users.get"), "never loaders"));
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

    DeliveryOptions loadAction = new DeliveryOptions(QUICK).addHeader("action", "load");
    ReplyException loaderType = replyFailure(vertx.eventBus().request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", "k").put("request", new JsonObject().put("loader", 5)), loadAction));
    assertThat(loaderType.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(loaderType).hasMessageContaining("request.loader must be a string");
    ReplyException requestType = replyFailure(vertx.eventBus().request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", "k").put("request", "loaders.x"), loadAction));
    assertThat(requestType).hasMessageContaining("request must be a json object");
    ReplyException lockRequest = replyFailure(vertx.eventBus().request(CachifyAddresses.SERVICE,
      new JsonObject().put("key", "k").put("request", new JsonObject().put("nowait", "no")),
      new DeliveryOptions(QUICK).addHeader("action", "acquireLock")));
    assertThat(lockRequest.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(lockRequest).hasMessageContaining("request.nowait must be a boolean");
  }

  @Test
  void nothingIsStoredByABadSet() {
    await(cachify.entry("kept").set("original"));
    replyFailure(request(CachifyAddresses.CACHE_SET, new JsonObject().put("key", "kept").put("value", "new").put("ttlMs", -5)));
    assertThat(await(cachify.entry("kept").get())).isEqualTo("original");
  }

  // ---- cachify.cache.load ----

  @Test
  void aLoadAsksTheLoaderOnAMissStoresItsAnswerAndLaterLoadsHit() {
    AtomicInteger calls = loader("loaders.rates", (message, call) -> message.reply(new JsonObject()
      .put("currency", ((JsonObject) message.body()).getString("currency")).put("rate", 1.08)));
    JsonObject rate = new JsonObject().put("currency", "EUR").put("rate", 1.08);
    JsonObject request = load("rates-EUR", "loaders.rates").put("body", new JsonObject().put("currency", "EUR"))
      .put("ttlMs", 60_000);
    JsonObject answer = new JsonObject().put("key", "rates-EUR").put("found", true).put("value", rate);

    assertThat(await(request(CachifyAddresses.CACHE_LOAD, request))).isEqualTo(answer);
    assertThat(await(request(CachifyAddresses.CACHE_LOAD, request))).isEqualTo(answer);
    assertThat(await(cachify.entry("rates-EUR").get())).as("the same entry as cachify.entry/get/set").isEqualTo(rate);
    assertThat(await(request(CachifyAddresses.CACHE_GET, new JsonObject().put("key", "rates-EUR")))).isEqualTo(answer);
    CacheValue viaProxy = await(proxy.load("rates-EUR", new LoadRequest().setLoader("loaders.rates")));
    assertThat(viaProxy.getValue()).isEqualTo(rate);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aLoadedValueLivesForItsTtlThenIsLoadedAgain() {
    AtomicInteger calls = loader("loaders.counter", (message, call) -> message.reply(call));
    JsonObject request = load("counted", "loaders.counter").put("ttlMs", 300);
    assertThat(await(request(CachifyAddresses.CACHE_LOAD, request)).getInteger("value")).isEqualTo(1);

    given().pollInterval(Duration.ofMillis(25)).await().atMost(Duration.ofSeconds(5))
      .until(() -> await(cachify.entry("counted").get()) == null);
    assertThat(await(request(CachifyAddresses.CACHE_LOAD, request)).getInteger("value")).isEqualTo(2);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aLoaderOutsideTheAllowListIsRefusedEvenOnAHitAndNeverSentTo() {
    AtomicInteger outside = loader("evil.loaders.rates", (message, call) -> message.reply("stolen"));
    AtomicInteger prefixOnly = loader("loaders", (message, call) -> message.reply("stolen"));

    ReplyException refused = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("rates", "evil.loaders.rates")));
    assertThat(refused.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(refused).hasMessageContaining("loader 'evil.loaders.rates'").hasMessageContaining("CACHIFY_LOADER_ADDRESSES");
    assertThat(replyFailure(request(CachifyAddresses.CACHE_LOAD, load("rates", "loaders"))).failureCode())
      .as("the regex matches the whole address").isEqualTo(CachifyFailures.BAD_MESSAGE);
    await(cachify.entry("cached").set("value"));
    assertThat(replyFailure(request(CachifyAddresses.CACHE_LOAD, load("cached", "evil.loaders.rates"))).failureCode())
      .as("refused on a hit too").isEqualTo(CachifyFailures.BAD_MESSAGE);
    Throwable viaProxy = failure(proxy.load("rates", new LoadRequest().setLoader("evil.loaders.rates")));
    assertThat(((ServiceException) viaProxy).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);

    assertThat(outside).hasValue(0);
    assertThat(prefixOnly).hasValue(0);
    assertThat(await(cachify.entry("rates").get())).isNull();
  }

  @Test
  void theNodesOwnAddressFamiliesAreNeverLoadersWhateverTheRegexSays() {
    InProcessCachifyService anything = new InProcessCachifyService(cachify, new LoaderOptions().setAddressRegex(".*"));
    for (String reserved : new String[] {"internal.users.get", "users.delete", "cachify.cache.get", "__vertx.reply.1"}) {
      AtomicInteger calls = loader(reserved, (message, call) -> message.reply("reached"));
      Throwable refused = failure(anything.load("k", new LoadRequest().setLoader(reserved)));
      assertThat(((ServiceException) refused).failureCode()).as(reserved).isEqualTo(CachifyFailures.BAD_MESSAGE);
      assertThat(refused).hasMessageContaining("'" + reserved + "'").hasMessageContaining("never loaders");
      assertThat(calls).as(reserved).hasValue(0);
    }
  }

  @Test
  void withoutConfiguredLoadersEveryLoadIsRefusedNamingTheSetting() {
    AtomicInteger calls = loader("loaders.rates", (message, call) -> message.reply("rate"));
    Throwable refused = failure(new InProcessCachifyService(cachify).load("k", new LoadRequest().setLoader("loaders.rates")));
    assertThat(((ServiceException) refused).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(refused).hasMessageContaining("no loader addresses are configured (set CACHIFY_LOADER_ADDRESSES");
    assertThat(calls).hasValue(0);
  }

  @Test
  void aLoadLockShorterThanTheLoaderTimeoutIsRefusedAtStart() {
    Cachify shortLock = Cachify.create(vertx, new CachifyOptions().setStore(new MemoryStore())
      .setEntryLoadTimeout(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> new CachifyVerticle(shortLock, new LoaderOptions().setAddressRegex(LOADERS).setTimeoutMs(5_000)))
      .hasMessageContaining("the entry load lock expires after 1000 ms, before the loader timeout of 5000 ms");
  }

  @Test
  void aLoaderFailureReachesTheCallerWithItsCodeAndMessageAndNothingIsStored() {
    AtomicInteger calls = loader("loaders.failing", (message, call) -> message.fail(409, "the rate source says no"));

    ReplyException failed = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("rates", "loaders.failing")));
    assertThat(failed.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(failed.failureCode()).isEqualTo(409);
    assertThat(failed).hasMessage("the rate source says no");
    Throwable viaProxy = failure(proxy.load("rates", new LoadRequest().setLoader("loaders.failing")));
    assertThat(((ServiceException) viaProxy).failureCode()).isEqualTo(409);

    assertThat(await(cachify.entry("rates").get())).isNull();
    assertThat(calls).as("a failure is not stored: each load asks again").hasValue(2);
  }

  @Test
  void aLoaderWithoutHandlerIs503ASilentOneIs504AndANonJsonAnswerIs502() {
    ReplyException none = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("a", "loaders.nobody")));
    assertThat(none.failureCode()).isEqualTo(CachifyFailures.LOADER_UNAVAILABLE);
    assertThat(none).hasMessageContaining("no handler at loader address 'loaders.nobody'");

    AtomicInteger silent = loader("loaders.silent", (message, call) -> { });
    ReplyException late = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("b", "loaders.silent")));
    assertThat(late.failureCode()).isEqualTo(CachifyFailures.LOADER_TIMEOUT);
    assertThat(late).hasMessageContaining("loader 'loaders.silent' did not answer within 500 ms");
    assertThat(silent).hasValue(1);

    loader("loaders.bytes", (message, call) -> message.reply(Buffer.buffer("raw")));
    ReplyException bytes = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("c", "loaders.bytes")));
    assertThat(bytes.failureCode()).isEqualTo(CachifyFailures.BAD_LOADER_REPLY);
    assertThat(bytes).hasMessageContaining("not a JSON value");

    for (String key : new String[] {"a", "b", "c"}) {
      assertThat(await(cachify.entry(key).get())).as(key).isNull();
    }
  }

  @Test
  void aNullAnswerIsNotStoredAndAnswersNotFound() {
    AtomicInteger calls = loader("loaders.empty", (message, call) -> message.reply(null));
    JsonObject notFound = new JsonObject().put("key", "none").put("found", false).putNull("value");

    assertThat(await(request(CachifyAddresses.CACHE_LOAD, load("none", "loaders.empty")))).isEqualTo(notFound);
    assertThat(await(request(CachifyAddresses.CACHE_LOAD, load("none", "loaders.empty")))).isEqualTo(notFound);
    assertThat(await(cachify.entry("none").get())).isNull();
    assertThat(calls).hasValue(2);
  }

  @Test
  void aResetDuringALoadWinsTheLoadAnswersItsCallerAndIsNotStored() {
    Promise<Void> gate = Promise.promise();
    AtomicInteger calls = loader("loaders.row", (message, call) -> {
      if (call == 1) {
        gate.future().onSuccess(open -> message.reply("old"));
      } else {
        message.reply("new");
      }
    });
    Future<JsonObject> slow = request(CachifyAddresses.CACHE_LOAD, load("row-1", "loaders.row"));
    given().pollInterval(Duration.ofMillis(5)).await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);

    await(request(CachifyAddresses.CACHE_RESET, new JsonObject().put("key", "row-1")));
    gate.complete();

    assertThat(await(slow).getString("value")).as("answered to its own caller").isEqualTo("old");
    assertThat(await(cachify.entry("row-1").get())).as("not stored over the reset").isNull();
    assertThat(await(request(CachifyAddresses.CACHE_LOAD, load("row-1", "loaders.row"))).getString("value"))
      .isEqualTo("new");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aHugeOrBadBodyIsRefusedBeforeTheLoaderIsAsked() {
    AtomicInteger calls = loader("loaders.big", (message, call) -> message.reply("loaded"));
    JsonObject huge = new JsonObject().put("rows", new JsonArray().add("r".repeat(40_000)).add("s".repeat(40_000)));

    ReplyException tooBig = replyFailure(request(CachifyAddresses.CACHE_LOAD, load("big", "loaders.big").put("body", huge)));
    assertThat(tooBig.failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    assertThat(tooBig).hasMessageContaining("body must be at most 65536 bytes");
    Throwable notJson = failure(proxy.load("big", new LoadRequest().setLoader("loaders.big").setBody(huge)));
    assertThat(((ServiceException) notJson).failureCode()).isEqualTo(CachifyFailures.BAD_MESSAGE);
    Throwable noRequest = failure(proxy.load("big", null));
    assertThat(noRequest).hasMessageContaining("request is required");

    assertThat(calls).hasValue(0);
    assertThat(await(cachify.entry("big").get())).isNull();
  }

  /** A loader at {@code address} that counts its calls and answers as {@code answer} says (given the call's number). */
  private AtomicInteger loader(String address, BiConsumer<Message<Object>, Integer> answer) {
    AtomicInteger calls = new AtomicInteger();
    await(vertx.eventBus().<Object>consumer(address, message -> answer.accept(message, calls.incrementAndGet()))
      .completion());
    return calls;
  }

  private static JsonObject load(String key, String loader) {
    return new JsonObject().put("key", key).put("loader", loader);
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
