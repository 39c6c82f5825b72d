package dev.cachify.store.redis;

import dev.cachify.store.ExpiringGet;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import dev.cachify.store.impl.StoreCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Store} on Redis (standalone, sentinel or cluster) through vertx-redis-client, each
 * event-loop thread pipelining its commands on a long-lived connection of its own (threads off the
 * event loops share one), taken from the driver's pool: see
 * {@link RedisStoreOptions#setMaxPoolSize(int)}. Values are plain strings
 * ({@code GET}/{@code SET PX}; compare-and-set is {@code SET NX PX} when absence is expected), locks
 * are strings holding the owner's token ({@code SET NX PX}) beside a fence counter in the same hash
 * slot, pools are sorted sets of slot tokens scored by expiry; every other compare-and-act is one
 * Lua script over one key (run by {@code EVALSHA}, sent once as {@code EVAL} on {@code NOSCRIPT}). Releases are
 * announced on a pub/sub channel per key, on a connection of its own. Needs Redis 5 or later.
 *
 * <p>Every call is bounded by the command timeout and fails with a {@code StoreException} when
 * Redis is slow or unreachable. A connection that dies is replaced on the next call; while Redis
 * refuses connections, calls fail at once and a connect is retried with a doubling delay (50 ms
 * up to 500 ms by default), so the store recovers by itself within that delay of Redis coming back.
 *
 * <pre>{@code
 * Store store = RedisStore.create(vertx, RedisStoreOptions.fromUrl("redis://:secret@127.0.0.1:6379/0")
 *   .setCommandTimeoutMillis(500));
 * }</pre>
 */
public final class RedisStore implements Store, ExpiringGet {

  /** What {@link #name()} answers: {@value}. */
  public static final String NAME = "redis";

  private final Redis redis;
  private final long timeoutMillis;
  private final RedisReleaseWatch releases;
  private final FenceKeys fenceKeys;

  private RedisStore(Redis redis, long timeoutMillis, RedisReleaseWatch releases, FenceKeys fenceKeys) {
    this.redis = redis;
    this.timeoutMillis = timeoutMillis;
    this.releases = releases;
    this.fenceKeys = fenceKeys;
  }

  /**
   * A store on the Redis described by {@code options}; connections open on first use, so a Redis
   * that is down fails the calls, not this. Call {@link #ping()} at startup to open one early.
   *
   * @param vertx   the Vert.x the client runs on
   * @param options where Redis is and how long a call may take; read now
   * @return the store
   * @throws NullPointerException     when an argument is {@code null}
   * @throws IllegalArgumentException when an endpoint is not a valid URL (the message leaves the
   *                                  URL out: it may hold a password)
   */
  public static RedisStore create(Vertx vertx, RedisStoreOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    RedisFailures.requireParsable(options.getEndpoints());
    return new RedisStore(new PipelinedRedis(Redis.createClient(vertx, options.toRedisOptions()),
        options.getMaxPoolSize(), options.getReconnectDelayMillis(), options.getReconnectMaxDelayMillis()),
      options.getCommandTimeoutMillis(),
      // Subscribed connections take no other commands: the release notices get a client of their own.
      new RedisReleaseWatch(Redis.createClient(vertx, options.toRedisOptions())),
      new FenceKeys(options.getType() == RedisClientType.CLUSTER));
  }

  /**
   * A store on the standalone Redis at {@code url}, other settings at their defaults (a 2 s command
   * timeout).
   *
   * <pre>{@code
   * Store store = RedisStore.create(vertx, "redis://:secret@cache-host:6379/0"); // rediss:// for TLS
   * }</pre>
   *
   * @param vertx the Vert.x the client runs on
   * @param url   {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS
   * @return the store
   * @throws NullPointerException     when an argument is {@code null}
   * @throws IllegalArgumentException when {@code url} is not a valid URL (the message leaves it out)
   */
  public static RedisStore create(Vertx vertx, String url) {
    return create(vertx, RedisStoreOptions.fromUrl(url));
  }

  @Override
  public Future<Buffer> get(String key) {
    return guard("get", key, send(Request.cmd(Command.GET).arg(key)))
      .map(reply -> reply == null ? null : reply.toBuffer());
  }

  /** {@code GET} and {@code PTTL} in one script: a near cache keeps the value no longer than Redis. */
  @Override
  public Future<TimedValue> getWithTtl(String key) {
    return guard("get", key, RedisValueWithTtl.SCRIPT.run(redis, key)).map(RedisValueWithTtl::parse);
  }

  @Override
  public Future<Void> set(String key, Buffer value, Duration ttl) {
    Request request = Request.cmd(Command.SET).arg(key).arg(value);
    if (ttl != null) {
      request.arg("PX").arg(millis(ttl));
    }
    return guard("set", key, send(request)).mapEmpty();
  }

  /** Absent expected: {@code SET NX PX}; else one script compares and sets (see {@link RedisScripts}). */
  @Override
  public Future<Boolean> compareAndSet(String key, Buffer expected, Buffer value, Duration ttl) {
    if (expected == null) {
      Request request = Request.cmd(Command.SET).arg(key).arg(value).arg("NX");
      if (ttl != null) {
        request.arg("PX").arg(millis(ttl));
      }
      return guard("compareAndSet", key, send(request)).map(reply -> reply != null);
    }
    Future<Response> call = RedisScripts.REPLACE_VALUE.runBinary(redis, key, expected, value,
      Buffer.buffer(millisOrEmpty(ttl)));
    return guard("compareAndSet", key, call).map(RedisStore::isOne);
  }

  @Override
  public Future<Void> delete(String key) {
    return guard("delete", key, send(Request.cmd(Command.DEL).arg(key))).mapEmpty();
  }

  @Override
  public Future<Long> acquireLock(String key, String token, Duration ttl) {
    String[] keys = {key, fenceKeys.counterOf(key)};
    return guard("acquireLock", key, RedisScripts.ACQUIRE_LOCK.runKeys(redis, keys, token, millisOrEmpty(ttl)))
      .map(reply -> reply == null ? null : reply.toLong());
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return guard("releaseLock", key, RedisScripts.RELEASE_LOCK.run(redis, key, token))
      .map(RedisStore::isOne);
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Duration ttl) {
    return guard("extendLock", key, RedisScripts.EXTEND_LOCK.run(redis, key, token, millisOrEmpty(ttl)))
      .map(RedisStore::isOne);
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return guard("isLocked", key, send(Request.cmd(Command.EXISTS).arg(key))).map(RedisStore::isOne);
  }

  /** The slot id is the token; a token that already holds a slot gets it back with a new expiry. */
  @Override
  public Future<String> acquireSlot(String key, String token, int maxSize, Duration slotTtl) {
    if (maxSize < 1) {
      return Future.failedFuture(new IllegalArgumentException("maxSize must be >= 1, got " + maxSize));
    }
    Future<Response> call = RedisScripts.ACQUIRE_SLOT.run(redis, key, token, Integer.toString(maxSize),
      millisOrEmpty(slotTtl));
    return guard("acquireSlot", key, call).map(reply -> reply == null ? null : reply.toString());
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slotId) {
    return guard("releaseSlot", key, RedisScripts.RELEASE_SLOT.run(redis, key, slotId)).map(RedisStore::isOne);
  }

  @Override
  public Future<Integer> poolSize(String key, int maxSize) {
    return guard("poolSize", key, RedisScripts.POOL_SIZE.run(redis, key))
      .map(reply -> reply == null ? 0 : reply.toInteger());
  }

  /**
   * Succeeds once Redis answers {@code PING}. The first call of a JVM loads the driver and opens a
   * connection (hundreds of ms on a small machine): ping at startup so traffic does not pay for it,
   * and in health checks.
   *
   * @return a future that succeeds once Redis answered; fails with a {@code StoreException} when it
   *     did not within the command timeout, or refused (a wrong password, an untrusted certificate)
   */
  @Override
  public Future<Void> ping() {
    return guard("ping", "", send(Request.cmd(Command.PING))).mapEmpty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> close() {
    return redis.close().eventually(releases::close);
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return releases.watch(key, onRelease);
  }

  /** {@code PTTL}: -2 (absent) is 0 here, -1 (no expiry) stays -1. */
  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return guard("lockRemainingMillis", key, send(Request.cmd(Command.PTTL).arg(key)))
      .map(reply -> {
        long millis = reply.toLong();
        return millis == -2 ? 0L : millis;
      });
  }

  private Future<Response> send(Request request) {
    return redis.send(request);
  }

  private <T> Future<T> guard(String operation, String key, Future<T> call) {
    Future<T> explained = call.recover(error -> Future.failedFuture(RedisFailures.explain(error)));
    return StoreCalls.guard(NAME, operation, key, timeoutMillis, explained);
  }

  private static boolean isOne(Response reply) {
    return reply != null && reply.toLong() == 1L;
  }

  /** Redis counts whole milliseconds and rejects {@code PX 0}: round a fraction up, never down. */
  static long millis(Duration ttl) {
    long millis = ttl.toMillis();
    boolean fraction = ttl.getNano() % 1_000_000 != 0;
    return Math.max(1, fraction ? millis + 1 : millis);
  }

  /** The scripts take "no expiry" as an empty argument. */
  private static String millisOrEmpty(Duration ttl) {
    return ttl == null ? "" : Long.toString(millis(ttl));
  }
}
