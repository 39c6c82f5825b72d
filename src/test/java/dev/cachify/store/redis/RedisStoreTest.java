package dev.cachify.store.redis;

import dev.cachify.store.Store;
import dev.cachify.store.StoreException;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * What only the Redis store has: its key layout, expiries kept by Redis itself, scripts surviving
 * a {@code SCRIPT FLUSH}, and failing fast (then recovering) when the server goes away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RedisServerExtension.class)
class RedisStoreTest {

  /**
   * The fault tests' command timeout: short so they finish quickly, long enough for a cold client
   * on a busy machine. The bound they assert is a few times this.
   */
  private static final long TIMEOUT_MILLIS = 1_000;

  private PrivateRedis server;
  private Vertx vertx;
  private RedisStore store;
  private RedisStore fastFailing;
  private Redis raw;
  private String prefix;

  @BeforeAll
  void connect() {
    server = RedisServerExtension.server();
    vertx = Vertx.vertx();
    store = RedisStore.create(vertx, server.url());
    fastFailing = RedisStore.create(vertx, RedisStoreOptions.fromUrl(server.url())
      .setCommandTimeoutMillis(TIMEOUT_MILLIS)
      .setConnectTimeoutMillis(300));
    raw = Redis.createClient(vertx, server.url());
    RedisStoreFixture.warmUp(store);
    RedisStoreFixture.warmUp(fastFailing);
  }

  @AfterAll
  void disconnect() {
    Future.join(store.close(), fastFailing.close(), raw.close()).eventually(vertx::close).await();
  }

  @BeforeEach
  void newKeys() {
    prefix = "redis-test-" + UUID.randomUUID() + "-";
  }

  /** A fault test that failed half-way must not leave the run's server down for other classes. */
  @AfterEach
  void serverRunsAgain() {
    server.start();
  }

  private String key(String name) {
    return prefix + name;
  }

  // ---- connections ---------------------------------------------------------------------------

  /**
   * Each event-loop thread keeps a connection of the pool for good: with more threads than the
   * pool's size (a 4-core machine has 8 event loops, the default pool 6), the threads past it once
   * waited for a connection that never came back, and every command of theirs timed out.
   */
  @Test
  void moreEventLoopsThanPooledConnectionsAllGetAnswers() throws Exception {
    Vertx wide = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(5));
    RedisStore small = RedisStore.create(wide, RedisStoreOptions.fromUrl(server.url()).setMaxPoolSize(2)
      .setCommandTimeoutMillis(TIMEOUT_MILLIS));
    try {
      String key = key("shared");
      answer(small.set(key, Buffer.buffer("v"), null));
      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<Future<Buffer>> reads = new CopyOnWriteArrayList<>();
      // Five instances land on the five event loops in turn; each reads from its own.
      wide.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          threads.add(Thread.currentThread().getName());
          reads.add(small.get(key));
          return Future.succeededFuture();
        }
      }, new DeploymentOptions().setInstances(5)).await(20, TimeUnit.SECONDS);
      Future.join(reads).otherwiseEmpty().await(20, TimeUnit.SECONDS);
      assertThat(threads).hasSize(5);
      assertThat(reads).allSatisfy(read -> {
        assertThat(read.succeeded()).as("%s", read.cause()).isTrue();
        assertThat(read.result().toString()).isEqualTo("v");
      });
    } finally {
      small.close().eventually(wide::close).await(20, TimeUnit.SECONDS);
    }
  }

  // ---- scripts -------------------------------------------------------------------------------

  @Test
  void scriptsStillRunAfterScriptFlush() {
    String lock = key("lock");
    String pool = key("pool");
    assertThat(answer(store.acquireLock(lock, "t1", Duration.ofSeconds(30)))).isNotNull();
    assertThat(answer(store.acquireSlot(pool, "s1", 2, Duration.ofSeconds(30)))).isEqualTo("s1");

    rawCall("SCRIPT", "FLUSH");
    assertThat(scriptLoaded(RedisScripts.RELEASE_LOCK)).isFalse();

    // EVALSHA answers NOSCRIPT; the store re-sends by EVAL, which also loads the script again.
    assertThat(answer(store.extendLock(lock, "t1", Duration.ofSeconds(60)))).isTrue();
    assertThat(answer(store.releaseLock(lock, "t1"))).isTrue();
    assertThat(answer(store.poolSize(pool, 2))).isEqualTo(1);
    assertThat(answer(store.releaseSlot(pool, "s1"))).isTrue();
    assertThat(rawCall("EXISTS", lock).toInteger()).isZero();
    assertThat(scriptLoaded(RedisScripts.RELEASE_LOCK)).isTrue();
  }

  @Test
  void compareAndSetRunsAfterScriptFlush() {
    answer(store.set(key("v"), Buffer.buffer("old"), null));
    rawCall("SCRIPT", "FLUSH");

    assertThat(answer(store.compareAndSet(key("v"), Buffer.buffer("old"), Buffer.buffer("new"), null))).isTrue();
    assertThat(scriptLoaded(RedisScripts.REPLACE_VALUE)).isTrue();
    assertThat(rawCall("GET", key("v")).toString()).isEqualTo("new");
  }

  @Test
  void scriptNamesAreTheirSha1() {
    assertThat(new LuaScript("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  }

  // ---- key layout and expiries ---------------------------------------------------------------

  @Test
  void valuesAreStoredAsPlainBinaryStrings() {
    byte[] bytes = {0, 1, (byte) 0xff, '\r', '\n', 42};
    answer(store.set(key("v"), Buffer.buffer(bytes), null));

    assertThat(rawCall("GET", key("v")).toBytes()).isEqualTo(bytes);
    assertThat(rawCall("PTTL", key("v")).toLong()).isEqualTo(-1L);
  }

  @Test
  void valueTtlIsStoredAsPx() {
    answer(store.set(key("v"), Buffer.buffer("x"), Duration.ofSeconds(60)));

    assertThat(rawCall("PTTL", key("v")).toLong()).isBetween(55_000L, 60_000L);
  }

  @Test
  void lockIsAStringHoldingTheTokenWithItsTtl() {
    assertThat(answer(store.acquireLock(key("l"), "owner-token", Duration.ofSeconds(30)))).isNotNull();

    assertThat(rawCall("GET", key("l")).toString()).isEqualTo("owner-token");
    assertThat(rawCall("PTTL", key("l")).toLong()).isBetween(25_000L, 30_000L);

    assertThat(answer(store.extendLock(key("l"), "owner-token", Duration.ofSeconds(90)))).isTrue();
    assertThat(rawCall("PTTL", key("l")).toLong()).isBetween(85_000L, 90_000L);

    assertThat(answer(store.extendLock(key("l"), "owner-token", null))).isTrue();
    assertThat(rawCall("PTTL", key("l")).toLong()).isEqualTo(-1L);
  }

  @Test
  void fenceCounterIsAStringKeptADayAndFencesFollowIt() {
    long first = answer(store.acquireLock(key("l"), "a", Duration.ofSeconds(30)));
    double nowMicros = serverMillis() * 1000;
    assertThat((double) first).as("at least the server's clock in us").isBetween(nowMicros - 5e6, nowMicros);
    assertThat(rawCall("GET", key("l") + ":fence").toLong()).isEqualTo(first);
    assertThat(rawCall("PTTL", key("l") + ":fence").toLong()).isBetween(86_000_000L, 86_400_000L);
    assertThat(answer(store.releaseLock(key("l"), "a"))).isTrue();

    // A counter ahead of the clock (another server's, or a clock stepped back): one more than it.
    long ahead = first + 3_600_000_000L;
    rawCall("SET", key("l") + ":fence", Long.toString(ahead));
    assertThat(answer(store.acquireLock(key("l"), "b", Duration.ofSeconds(30)))).isEqualTo(ahead + 1);
    assertThat(rawCall("GET", key("l") + ":fence").toLong()).isEqualTo(ahead + 1);
    assertThat(answer(store.acquireLock(key("l"), "c", Duration.ofSeconds(30)))).as("held").isNull();
    assertThat(rawCall("GET", key("l") + ":fence").toLong()).as("no draw while held").isEqualTo(ahead + 1);
    assertThat(answer(store.releaseLock(key("l"), "b"))).isTrue();
    assertThat(answer(store.acquireLock(key("l"), "c", Duration.ofSeconds(30)))).isEqualTo(ahead + 2);
  }

  @Test
  void compareAndSetComparesAndStoresBinaryBytesWithPx() {
    byte[] old = {0, 1, (byte) 0xff, '\r', '\n', 42};
    byte[] next = {(byte) 0x80, 0, '\n', 7};
    answer(store.set(key("v"), Buffer.buffer(old), null));

    assertThat(answer(store.compareAndSet(key("v"), Buffer.buffer(new byte[] {0, 1}), Buffer.buffer(next), null)))
      .isFalse();
    assertThat(answer(store.compareAndSet(key("v"), Buffer.buffer(old), Buffer.buffer(next), Duration.ofSeconds(60))))
      .isTrue();
    assertThat(rawCall("GET", key("v")).toBytes()).isEqualTo(next);
    assertThat(rawCall("PTTL", key("v")).toLong()).isBetween(55_000L, 60_000L);

    assertThat(answer(store.compareAndSet(key("v"), Buffer.buffer(next), Buffer.buffer(old), null))).isTrue();
    assertThat(rawCall("PTTL", key("v")).toLong()).isEqualTo(-1L);

    assertThat(answer(store.compareAndSet(key("n"), null, Buffer.buffer(next), Duration.ofSeconds(60)))).isTrue();
    assertThat(rawCall("GET", key("n")).toBytes()).isEqualTo(next);
    assertThat(rawCall("PTTL", key("n")).toLong()).isBetween(55_000L, 60_000L);
  }

  @Test
  void keysOfAnotherTypeAreNotValuesToCompareAndSet() {
    answer(store.acquireSlot(key("p"), "t", 2, null));

    assertThat(answer(store.compareAndSet(key("p"), null, Buffer.buffer("x"), null))).isFalse();
    assertThat(answer(store.compareAndSet(key("p"), Buffer.buffer("t"), Buffer.buffer("x"), null))).isFalse();
    assertThat(rawCall("TYPE", key("p")).toString()).isEqualTo("zset");
  }

  @Test
  void lockWithoutTtlHasNoExpiry() {
    assertThat(answer(store.acquireLock(key("l"), "t", null))).isNotNull();

    assertThat(rawCall("PTTL", key("l")).toLong()).isEqualTo(-1L);
  }

  @Test
  void poolIsASortedSetScoredBySlotExpiryOnTheServerClock() {
    String pool = key("p");
    answer(store.acquireSlot(pool, "slot-1", 3, Duration.ofSeconds(30)));

    assertThat(rawCall("TYPE", pool).toString()).isEqualTo("zset");
    double expiry = rawCall("ZSCORE", pool, "slot-1").toDouble();
    assertThat(expiry).isCloseTo(serverMillis() + 30_000, within(5_000.0));
  }

  @Test
  void poolKeyExpiresWithItsLatestSlot() {
    String pool = key("p");
    answer(store.acquireSlot(pool, "short", 3, Duration.ofSeconds(30)));
    answer(store.acquireSlot(pool, "long", 3, Duration.ofSeconds(60)));
    assertThat(rawCall("PTTL", pool).toLong()).isBetween(55_000L, 60_000L);

    answer(store.acquireSlot(pool, "forever", 3, null));
    assertThat(rawCall("PTTL", pool).toLong()).isEqualTo(-1L);

    // Releasing the slot that never expires gives the key its finite expiry back: nothing leaks.
    assertThat(answer(store.releaseSlot(pool, "forever"))).isTrue();
    assertThat(rawCall("PTTL", pool).toLong()).isBetween(55_000L, 60_000L);

    assertThat(answer(store.releaseSlot(pool, "long"))).isTrue();
    assertThat(rawCall("PTTL", pool).toLong()).isBetween(25_000L, 30_000L);
  }

  @Test
  void abandonedPoolKeyDisappearsByItself() {
    String pool = key("p");
    answer(store.acquireSlot(pool, "s", 2, Duration.ofMillis(200)));

    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
      .until(() -> rawCall("EXISTS", pool).toInteger() == 0);
  }

  @Test
  void keysOfAnotherTypeAreNeitherPoolsNorLocks() {
    answer(store.set(key("v"), Buffer.buffer("t"), null));

    assertThat(answer(store.acquireSlot(key("v"), "t", 2, null))).isNull();
    assertThat(answer(store.releaseSlot(key("v"), "t"))).isFalse();
    assertThat(answer(store.poolSize(key("v"), 2))).isZero();

    answer(store.acquireSlot(key("p"), "t", 2, null));
    assertThat(answer(store.releaseLock(key("p"), "t"))).isFalse();
    assertThat(answer(store.extendLock(key("p"), "t", null))).isFalse();
  }

  @Test
  void fractionsOfAMillisecondRoundUp() {
    assertThat(RedisStore.millis(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(RedisStore.millis(Duration.ofMillis(5))).isEqualTo(5);
    assertThat(RedisStore.millis(Duration.ofMillis(5).plusNanos(1))).isEqualTo(6);
    assertThat(RedisStore.millis(Duration.ofSeconds(2))).isEqualTo(2_000);
  }

  // ---- faults --------------------------------------------------------------------------------

  @Test
  void stoppedServerFailsEveryCallFastThenTheStoreRecovers() throws Throwable {
    // Pooled connections exist (warmed up) and die with the server: the store must reconnect.
    server.stop();
    VertxTestContext down = new VertxTestContext();
    expectStoreExceptions(down, fastFailing);
    assertThat(down.awaitCompletion(TIMEOUT_MILLIS * 5, TimeUnit.MILLISECONDS))
      .as("every call failed within %d ms", TIMEOUT_MILLIS * 5).isTrue();
    rethrow(down);

    server.start();
    // Calls within the reconnect delay still fail at once; then the store is back.
    awaitAnswering(fastFailing, Duration.ofMillis(RedisStoreOptions.DEFAULT_RECONNECT_MAX_DELAY_MILLIS + 1_000));
    VertxTestContext up = new VertxTestContext();
    Checkpoint answered = up.checkpoint(2);
    fastFailing.set(key("v"), Buffer.buffer("back"), null)
      .compose(done -> fastFailing.get(key("v")))
      .onComplete(up.succeeding(value -> up.verify(() -> {
        assertThat(value.toString()).isEqualTo("back");
        answered.flag();
      })));
    fastFailing.acquireLock(key("l"), "t", Duration.ofSeconds(5))
      .onComplete(up.succeeding(fence -> up.verify(() -> {
        assertThat(fence).isNotNull();
        answered.flag();
      })));
    assertThat(up.awaitCompletion(TIMEOUT_MILLIS * 5, TimeUnit.MILLISECONDS)).isTrue();
    rethrow(up);
  }

  @Test
  void outagesOneAfterAnotherLeakNoPooledConnection() {
    // One pooled connection: were a dead one kept by the pool, the second outage would never end.
    RedisStore single = RedisStore.create(vertx, RedisStoreOptions.fromUrl(server.url())
      .setMaxPoolSize(1).setCommandTimeoutMillis(TIMEOUT_MILLIS));
    try {
      RedisStoreFixture.warmUp(single);
      Context loop = vertx.getOrCreateContext();
      for (int outage = 1; outage <= 3; outage++) {
        server.stop();
        Throwable error = failureWithin(onContext(loop, () -> single.get(key("v"))), Duration.ofMillis(500));
        assertThat(error).as("outage %d", outage).isInstanceOf(StoreException.class);
        server.start();
        long started = System.nanoTime();
        await("store answers again after restart " + outage).atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(10)).ignoreExceptions()
          .until(() -> onContext(loop, () -> single.get(key("v"))).await(1, TimeUnit.SECONDS) == null);
        long backMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("outage " + outage + ": redis store answered " + backMillis + " ms after the restart");
        assertThat(backMillis).isLessThanOrEqualTo(RedisStoreOptions.DEFAULT_RECONNECT_MAX_DELAY_MILLIS + 500);
      }
    } finally {
      single.close();
    }
  }

  @Test
  void whileRedisRefusesConnectionsCallsFailAtOnceAndConnectsBackOff() throws Throwable {
    // A port that takes connections and drops them at once: each connect attempt is counted.
    AtomicInteger attempts = new AtomicInteger();
    NetServer refusing = vertx.createNetServer().connectHandler(socket -> {
      attempts.incrementAndGet();
      socket.close();
    });
    int port = refusing.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS).actualPort();
    RedisStore down = RedisStore.create(vertx, RedisStoreOptions.fromUrl("redis://127.0.0.1:" + port)
      .setCommandTimeoutMillis(5_000).setReconnectDelayMillis(50).setReconnectMaxDelayMillis(200));
    try {
      // One call every 10 ms for 1.5 s from one event loop: 150 calls, each of which used to connect.
      int calls = 150;
      Context loop = vertx.getOrCreateContext();
      List<Long> latencies = new CopyOnWriteArrayList<>();
      VertxTestContext ctx = new VertxTestContext();
      Checkpoint failed = ctx.checkpoint(calls);
      AtomicInteger issued = new AtomicInteger();
      loop.runOnContext(v -> vertx.setPeriodic(10, timer -> {
        if (issued.incrementAndGet() >= calls) {
          vertx.cancelTimer(timer);
        }
        long sent = System.nanoTime();
        down.get(key("v")).onComplete(ctx.failing(error -> ctx.verify(() -> {
          latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
          assertThat(error).isInstanceOf(StoreException.class).hasMessageStartingWith("redis store: get");
          failed.flag();
        })));
      }));
      assertThat(ctx.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
      rethrow(ctx);

      List<Long> sorted = latencies.stream().sorted().toList();
      System.out.println("refused: " + calls + " calls, " + attempts.get() + " connect attempts, latency p50 "
        + sorted.get(calls / 2) + " ms, max " + sorted.get(calls - 1) + " ms");
      // 50, 100, 200, 200, ... ms between attempts: about 9 in 1.5 s, not one per call.
      assertThat(attempts.get()).isBetween(3, 20);
      assertThat(sorted.get(calls - 1)).as("slowest failure, ms").isLessThan(1_000L);
    } finally {
      down.close();
      refusing.close();
    }
  }

  @Test
  void unreachableHostFailsWithinTheConnectTimeoutThenAtOnce() throws Throwable {
    // A listener whose accept queue is full: the kernel drops further SYNs, as for a host that is
    // gone, and a connect waits for its timeout.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> queued = fillAcceptQueue(full.getLocalPort());
      RedisStore gone = RedisStore.create(vertx, RedisStoreOptions.fromUrl("redis://127.0.0.1:" + full.getLocalPort())
        .setCommandTimeoutMillis(5_000).setConnectTimeoutMillis(300));
      try {
        Context loop = vertx.getOrCreateContext();
        long first = System.nanoTime();
        assertThat(failureWithin(onContext(loop, () -> gone.get(key("v"))), Duration.ofSeconds(2)))
          .isInstanceOf(StoreException.class);
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        long next = System.nanoTime();
        assertThat(failureWithin(onContext(loop, () -> gone.get(key("v"))), Duration.ofSeconds(2)))
          .isInstanceOf(StoreException.class).hasMessageContaining("not connected");
        long nextMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - next);
        System.out.println("unreachable: first call failed after " + firstMillis + " ms, the next after "
          + nextMillis + " ms");
        assertThat(firstMillis).as("bounded by the connect timeout, not the command timeout").isLessThan(2_000L);
        assertThat(nextMillis).as("no second wait for a connect").isLessThan(firstMillis);
      } finally {
        gone.close();
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  @Test
  void serverThatNeverAnswersTimesOutEveryCall() throws Throwable {
    // The kernel completes the TCP handshake from the backlog, but nothing ever replies.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      RedisStore mute = RedisStore.create(vertx, RedisStoreOptions
        .fromUrl("redis://127.0.0.1:" + silent.getLocalPort())
        .setCommandTimeoutMillis(TIMEOUT_MILLIS));
      try {
        VertxTestContext ctx = new VertxTestContext();
        expectStoreExceptions(ctx, mute, error ->
          assertThat(error).hasMessageContaining("no answer within " + TIMEOUT_MILLIS + " ms"));
        assertThat(ctx.awaitCompletion(TIMEOUT_MILLIS * 5, TimeUnit.MILLISECONDS)).isTrue();
        rethrow(ctx);
      } finally {
        mute.close();
      }
    }
  }

  private void expectStoreExceptions(VertxTestContext ctx, Store target) {
    expectStoreExceptions(ctx, target, error -> assertThat(error).hasMessageStartingWith("redis store: "));
  }

  /** Issues every operation once; each must fail with a StoreException that passes {@code check}. */
  private void expectStoreExceptions(VertxTestContext ctx, Store target,
                                     java.util.function.Consumer<Throwable> check) {
    List<Future<?>> calls = List.of(
      target.get(key("v")),
      target.getDecoded(key("v"), Function.identity()),
      target.set(key("v"), Buffer.buffer("x"), Duration.ofSeconds(1)),
      target.delete(key("v")),
      target.compareAndSet(key("v"), null, Buffer.buffer("x"), Duration.ofSeconds(1)),
      target.compareAndSet(key("v"), Buffer.buffer("x"), Buffer.buffer("y"), null),
      target.acquireLock(key("l"), "t", Duration.ofSeconds(1)),
      target.releaseLock(key("l"), "t"),
      target.extendLock(key("l"), "t", null),
      target.isLocked(key("l")),
      target.acquireSlot(key("p"), "t", 2, null),
      target.releaseSlot(key("p"), "t"),
      target.poolSize(key("p"), 2));
    Checkpoint failed = ctx.checkpoint(calls.size());
    calls.forEach(call -> call.onComplete(ctx.failing(error -> ctx.verify(() -> {
      assertThat(error).isInstanceOf(StoreException.class);
      check.accept(error);
      failed.flag();
    }))));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Waits until {@code target} answers a write, trying every 10 ms. */
  private void awaitAnswering(RedisStore target, Duration within) {
    await("redis store answers").atMost(within).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
      .until(() -> {
        target.set(key("probe"), Buffer.buffer("x"), Duration.ofSeconds(5)).await(1, TimeUnit.SECONDS);
        return true;
      });
  }

  /** Runs {@code call} on {@code context}, so every call of a test uses one event loop's connection. */
  private static <T> Future<T> onContext(Context context, Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  /** Connects until the listener's accept queue is full (the next connect would hang). */
  private static List<Socket> fillAcceptQueue(int port) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        queued.add(socket);
      } catch (IOException full) {
        socket.close();
        return queued;
      }
    }
    throw new IllegalStateException("the accept queue of port " + port + " never filled up");
  }

  private static void rethrow(VertxTestContext ctx) throws Throwable {
    if (ctx.failed()) {
      throw ctx.causeOfFailure();
    }
  }

  private static <T> T answer(Future<T> future) {
    try {
      return future.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  private Response rawCall(String command, String... args) {
    Request request = Request.cmd(Command.create(command));
    for (String arg : args) {
      request.arg(arg);
    }
    return answer(raw.send(request));
  }

  private boolean scriptLoaded(LuaScript script) {
    return rawCall("SCRIPT", "EXISTS", script.sha1()).get(0).toInteger() == 1;
  }

  private double serverMillis() {
    Response time = rawCall("TIME");
    return time.get(0).toLong() * 1000.0 + time.get(1).toLong() / 1000.0;
  }
}
