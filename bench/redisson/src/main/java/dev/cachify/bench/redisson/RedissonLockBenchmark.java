package dev.cachify.bench.redisson;

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
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Redisson's {@link RLock} acquire + release, the same workload as the library's
 * {@code RedisLockBenchmark} (bench/jmh): a fresh key per pair ({@code bench-<n>} under a prefix),
 * a 30 s lease (the library's default lock expiration), no wait ({@code tryLockAsync(0, lease)}),
 * then {@code unlockAsync}, driven from the JMH thread, which blocks on the futures.
 *
 * <ul>
 *   <li>{@code acquireRelease64InFlight}: 64 pairs on distinct keys started at once, then waited for
 *       together; scored per pair ({@code @OperationsPerInvocation(64)}).</li>
 *   <li>{@code acquireReleaseOneInFlight}: one pair at a time (us/op).</li>
 * </ul>
 *
 * Redisson runs with its default settings (single server, connection pool of 64, 32 Netty
 * threads): what a Redisson user gets. The lock is Redisson's hash-based reentrant lock: acquisition
 * is one script (EXISTS/HINCRBY/PEXPIRE), release one script that also publishes on the lock's
 * channel for waiters, as the library's does.
 *
 * The Redis port comes from {@code -Dcachify.bench.redis.port} or {@code CACHIFY_BENCH_REDIS_PORT}
 * (bench/locks.sh starts a private redis-server and sets both); it never defaults to 6379.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RedissonLockBenchmark {

  static final int BATCH = 64;
  static final long LEASE_MILLIS = 30_000;

  /** Redisson's Netty threads; 0 = Redisson's default (32). */
  @Param({"0"})
  public int nettyThreads;

  private RedissonClient redisson;
  private long threadId;
  private long n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:" + redisPort());
    if (nettyThreads > 0) {
      config.setNettyThreads(nettyThreads);
    }
    redisson = Redisson.create(config);
    threadId = Thread.currentThread().getId();
    // Opens connections and loads the scripts.
    for (int i = 0; i < 3; i++) {
      acquireRelease64InFlight();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    redisson.shutdown();
  }

  private CompletionStage<Boolean> pair() {
    RLock lock = redisson.getLock("jmh-redisson-bench-" + (n++));
    return lock.tryLockAsync(0, LEASE_MILLIS, TimeUnit.MILLISECONDS, threadId)
      .thenCompose(taken -> taken
        ? lock.unlockAsync(threadId).thenApply(v -> true)
        : CompletableFuture.completedFuture(false));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int acquireRelease64InFlight() throws Exception {
    CompletableFuture<?>[] pairs = new CompletableFuture<?>[BATCH];
    for (int i = 0; i < BATCH; i++) {
      pairs[i] = pair().toCompletableFuture();
    }
    CompletableFuture.allOf(pairs).get(30, TimeUnit.SECONDS);
    int released = 0;
    for (CompletableFuture<?> pair : pairs) {
      if (Boolean.TRUE.equals(pair.join())) {
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
    boolean released = pair().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
        + "to the port of a private redis-server (bench/locks.sh starts one)");
    }
    int value = Integer.parseInt(port.trim());
    if (value == 6379) {
      throw new IllegalStateException("refusing the shared Redis on 6379: start a private one");
    }
    return value;
  }
}
