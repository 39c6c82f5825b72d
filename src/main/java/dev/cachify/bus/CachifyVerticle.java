package dev.cachify.bus;

import dev.cachify.Cachify;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.serviceproxy.ServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The cachify library as an event-bus service, cluster-wide: the JSON addresses of
 * {@link CachifyAddresses} and the typed {@link CachifyService} at {@link CachifyAddresses#SERVICE}.
 * Every node with the {@code cachify} role serves them over the same store, so any node answers
 * alike. Every message gets an answer: a result, or a failure with a {@link CachifyFailures} code.
 * The consumers are clustered, so other nodes' callers reach them; the verticle starts once every
 * registration has reached the cluster.
 *
 * <pre>{@code
 * Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(RedisStore.create(vertx, url)));
 * vertx.deployVerticle(new CachifyVerticle(cachify,
 *     new LoaderOptions().setAddressRegex("loaders\\.[a-z-]+")));
 * }</pre>
 */
public final class CachifyVerticle extends VerticleBase {

  private final CachifyService service;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  /**
   * A service that refuses every {@code cachify.cache.load} (no loader is allowed).
   *
   * @param cachify the instance whose store, prefix and defaults the service uses
   */
  public CachifyVerticle(Cachify cachify) {
    this(cachify, new LoaderOptions());
  }

  /**
   * A service whose {@code cachify.cache.load} may ask the loaders {@code loaders} allows.
   *
   * @param cachify the instance whose store, prefix and defaults the service uses
   * @param loaders which loader addresses a load may send to, and how long it waits for them
   * @throws IllegalArgumentException when loaders are allowed and the instance's
   *                                  {@code entryLoadTimeout} is shorter than the loader timeout
   *                                  (a slow loader would let a second one in)
   */
  public CachifyVerticle(Cachify cachify, LoaderOptions loaders) {
    this.service = new InProcessCachifyService(cachify, loaders);
  }

  @Override
  public Future<?> start() {
    consumers.add(new ServiceBinder(vertx).setAddress(CachifyAddresses.SERVICE)
      .addInterceptor(new ProxyMessageCheck())
      .register(CachifyService.class, service));

    on(CachifyAddresses.CACHE_GET, Set.of("key"),
      m -> service.get(m.string("key")).map(CacheValue::toJson));
    on(CachifyAddresses.CACHE_SET, Set.of("key", "value", "ttlMs"),
      m -> service.set(new CacheValue(m.string("key"), m.value("value")), m.whole("ttlMs"))
        .map(v -> keyOnly(m)));
    on(CachifyAddresses.CACHE_RESET, Set.of("key"),
      m -> service.reset(m.string("key")).map(v -> keyOnly(m)));
    on(CachifyAddresses.CACHE_LOAD, Set.of("key", "ttlMs", "loader", "body"),
      m -> service.load(m.string("key"), new LoadRequest()
          .setTtlMs(m.whole("ttlMs"))
          .setLoader(m.string("loader"))
          .setBody(m.value("body")))
        .map(CacheValue::toJson));

    on(CachifyAddresses.LOCK_ACQUIRE, Set.of("key", "expMs", "nowait", "timeoutMs"),
      m -> service.acquireLock(m.string("key"), new LockRequest()
          .setExpMs(m.whole("expMs"))
          .setNowait(m.bool("nowait") == null || m.bool("nowait"))
          .setTimeoutMs(m.whole("timeoutMs")))
        .map(LockGrant::toJson));
    on(CachifyAddresses.LOCK_RELEASE, Set.of("key", "token"),
      m -> service.releaseLock(m.string("key"), m.string("token")).map(ok -> keyOnly(m).put("released", ok)));
    on(CachifyAddresses.LOCK_EXTEND, Set.of("key", "token", "expMs"),
      m -> service.extendLock(m.string("key"), m.string("token"), m.whole("expMs"))
        .map(ok -> keyOnly(m).put("extended", ok)));
    on(CachifyAddresses.LOCK_STATUS, Set.of("key"),
      m -> service.isLocked(m.string("key")).map(locked -> keyOnly(m).put("locked", locked)));

    on(CachifyAddresses.POOL_ACQUIRE, Set.of("key", "maxSize", "slotExpMs"),
      m -> service.acquireSlot(m.string("key"), m.wholeInt("maxSize"), m.whole("slotExpMs")).map(SlotGrant::toJson));
    on(CachifyAddresses.POOL_RELEASE, Set.of("key", "slot"),
      m -> service.releaseSlot(m.string("key"), m.string("slot")).map(ok -> keyOnly(m).put("released", ok)));
    on(CachifyAddresses.POOL_SIZE, Set.of("key", "maxSize"),
      m -> service.poolSize(m.string("key"), m.wholeInt("maxSize")).map(size -> keyOnly(m).put("size", size)));

    // Clustered registrations reach the other nodes asynchronously: start once they have.
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void on(String address, Set<String> fields, Function<JsonMessage, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address, (Message<Object> message) -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(JsonMessage.of(message.body(), fields));
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(result -> {
        if (result.succeeded()) {
          message.reply(result.result());
        } else {
          ServiceException failure = CachifyFailures.of(result.cause());
          message.fail(failure.failureCode(), failure.getMessage());
        }
      });
    }));
  }

  private static JsonObject keyOnly(JsonMessage message) {
    return new JsonObject().put("key", message.string("key"));
  }
}
