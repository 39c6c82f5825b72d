package dev.cachify.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachify.Cachify;
import dev.cachify.Ttl;
import dev.cachify.bench.MemoryHitBenchmark.User;
import dev.cachify.cache.CachedFunction;
import dev.cachify.codec.JsonCodec;
import dev.cachify.fn.Fn;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Where a memory-store hit spends its time: the pieces of {@code CachedFunction.call(1L)} one by
 * one (diagnostic; shorter runs than {@link MemoryHitBenchmark}, read with {@code -prof gc}).
 *
 * <ul>
 *   <li>{@code fullCall}: {@code readUser.call(1L).result()}, as in {@link MemoryHitBenchmark}.</li>
 *   <li>{@code keyFor}: {@code readUser.keyFor(1L)}: binding the arguments and formatting the key.</li>
 *   <li>{@code storeHitConstantKey}: {@code store.getDecoded(key, decoder)} with a ready key: the
 *       store's read alone.</li>
 *   <li>{@code storeHitBuiltKey}: the same with the key concatenated per call.</li>
 *   <li>{@code caffeineSameKeyBuilt}: a bare Caffeine read of the library's own key
 *       ({@code "PYC-read_user-" + id + "-cached"}), concatenated per call.</li>
 *   <li>{@code nanoTime}: one {@code System.nanoTime()}: the clock a per-entry-expiry read may pay.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class HitBreakdownBenchmark {

  private Long userId = 1L;
  private long id = 1L;
  private String storedKey;

  private Vertx vertx;
  private CachedFunction<User> readUser;
  private Store store;
  private final Function<Buffer, User> decoder = JsonCodec.of(User.class)::decode;
  private Cache<String, Object> caffeine;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    // Two instances, two stores: the store-only reads memoize their own decoder's value and so do
    // not disturb the wrapper's memo.
    readUser = wrapper(Cachify.create(vertx));
    Cachify other = Cachify.create(vertx);
    CachedFunction<User> otherUser = wrapper(other);
    for (int i = 0; i < 2; i++) {
      await(readUser.call(userId));
      await(otherUser.call(userId));
    }
    store = other.store();
    storedKey = otherUser.keyFor(userId);
    if (!("PYC-read_user-" + id + "-cached").equals(storedKey)) {
      throw new IllegalStateException("the stored key is " + storedKey);
    }
    for (int i = 0; i < 2; i++) {
      if (await(store.getDecoded(storedKey, decoder)) == null) {
        throw new IllegalStateException("no entry under " + storedKey);
      }
    }
    caffeine = Caffeine.newBuilder().maximumSize(100_000).build();
    caffeine.put(storedKey, new User(1L, "user-1"));
  }

  private static CachedFunction<User> wrapper(Cachify cachify) {
    return cachify.cached("read_user-{userId}")
      .ttl(Ttl.seconds(300))
      .as(User.class)
      .wrap(Fn.of("userId", (Long userId) -> Future.succeededFuture(new User(userId, "user-" + userId))));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public User fullCall() {
    return readUser.call(userId).result();
  }

  @Benchmark
  public String keyFor() {
    return readUser.keyFor(userId);
  }

  @Benchmark
  public User storeHitConstantKey() {
    return store.getDecoded(storedKey, decoder).result();
  }

  @Benchmark
  public User storeHitBuiltKey() {
    return store.getDecoded("PYC-read_user-" + id + "-cached", decoder).result();
  }

  @Benchmark
  public Object caffeineSameKeyBuilt() {
    return caffeine.getIfPresent("PYC-read_user-" + id + "-cached");
  }

  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
