package dev.cachify.bench;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.lock.LockHandle;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lock acquire + release on the Redis store (the acquisition script, {@code SET NX PX} and the
 * fence counter, then the compare-and-delete
 * script by {@code EVALSHA}), driven from the JMH thread, which is not a Vert.x thread and blocks
 * on {@code toCompletionStage().toCompletableFuture().get()}.
 *
 * <ul>
 *   <li>{@code acquireRelease64InFlight}: 64 acquire+release pairs on distinct keys started at
 *       once, then waited for together; scored per pair ({@code @OperationsPerInvocation(64)}).</li>
 *   <li>{@code acquireReleaseOneInFlight}: one pair at a time: the latency of a pair (us/op).</li>
 * </ul>
 *
 * The Redis port comes from {@code -Dcachify.bench.redis.port} or {@code CACHIFY_BENCH_REDIS_PORT}
 * (bench/jmh.sh starts a private redis-server and sets both); it never defaults to 6379.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
// The same fixed, pre-touched heap as MemoryHitBenchmark (first-touch page faults on this VM).
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RedisLockBenchmark {

  static final int BATCH = 64;

  /** Pooled connections of the store (RedisStoreOptions' default is 6). */
  @Param({"6"})
  public int maxPoolSize;

  private Vertx vertx;
  private RedisStore store;
  private Cachify cachify;
  private long n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    int port = redisPort();
    vertx = Vertx.vertx();
    store = RedisStore.create(vertx, RedisStoreOptions.fromUrl("redis://127.0.0.1:" + port)
      .setMaxPoolSize(maxPoolSize));
    cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix("jmh-"));
    // Opens connections and loads the release script (first EVALSHA answers NOSCRIPT, then EVAL).
    for (int i = 0; i < 3; i++) {
      acquireRelease64InFlight();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    store.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int acquireRelease64InFlight() throws Exception {
    List<Future<Boolean>> pairs = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      pairs.add(cachify.lock("bench-" + (n++)).acquire().compose(LockHandle::release));
    }
    Future.all(pairs).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    int released = 0;
    for (Future<Boolean> pair : pairs) {
      if (pair.result()) {
        released++;
      }
    }
    if (released != BATCH) {
      throw new IllegalStateException("only " + released + " of " + BATCH + " locks were released");
    }
    return released;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean acquireReleaseOneInFlight() throws Exception {
    boolean released = cachify.lock("bench-" + (n++)).acquire().compose(LockHandle::release)
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (!released) {
      throw new IllegalStateException("the lock was not released");
    }
    return released;
  }

  static int redisPort() {
    String port = System.getProperty("cachify.bench.redis.port");
    if (port == null || port.isBlank()) {
      port = System.getenv("CACHIFY_BENCH_REDIS_PORT");
    }
    if (port == null || port.isBlank()) {
      throw new IllegalStateException("set -Dcachify.bench.redis.port or CACHIFY_BENCH_REDIS_PORT "
        + "to the port of a private redis-server (bench/jmh.sh starts one)");
    }
    int value = Integer.parseInt(port.trim());
    if (value == 6379) {
      throw new IllegalStateException("refusing the shared Redis on 6379: start a private one");
    }
    return value;
  }
}
