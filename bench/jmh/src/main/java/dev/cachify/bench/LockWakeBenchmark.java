package dev.cachify.bench;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.lock.LockHandle;
import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import dev.cachify.store.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Release-to-wake latency: a holder releases a lock another caller waits for; the score is the
 * time from the release call to the waiter holding the lock (us/op). The waiter started waiting
 * 5-105 ms before (a random phase, as a poller's would be). {@code notices=true}: the store's
 * release notices wake it (Redis pub/sub, the memory store's listeners); {@code notices=false}: the
 * same store with its notices hidden, so the waiter polls every 100 ms (the default interval).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@State(Scope.Benchmark)
public class LockWakeBenchmark {

  @Param({"redis", "memory"})
  public String store;

  @Param({"true", "false"})
  public boolean notices;

  private Vertx vertx;
  private Store backing;
  private Cachify holderSide;
  private Cachify waiterSide;
  private long n;
  private LockHandle holder;
  private Future<LockHandle> waiter;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    backing = store.equals("redis")
      ? RedisStore.create(vertx, "redis://127.0.0.1:" + RedisLockBenchmark.redisPort())
      : new MemoryStore();
    Store seen = notices ? backing : new WithoutNotices(backing);
    holderSide = Cachify.create(vertx, new CachifyOptions().setStore(seen).setPrefix("wake-"));
    waiterSide = Cachify.create(vertx, new CachifyOptions().setStore(seen).setPrefix("wake-"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    backing.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Setup(Level.Invocation)
  public void holdAndWait() throws Exception {
    String key = "lock-" + (n++);
    holder = holderSide.lock(key).exp(Ttl.seconds(30)).acquire()
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    waiter = waiterSide.lock(key).nowait(false).timeout(Duration.ofSeconds(10)).exp(Ttl.seconds(30)).acquire();
    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 106)); // the waiter settles into its wait
  }

  @Benchmark
  public LockHandle releaseToWake() throws Exception {
    holder.release();
    return waiter.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @TearDown(Level.Invocation)
  public void releaseTheWaiter() throws Exception {
    waiter.compose(LockHandle::release).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
