package dev.cachify.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachify.Cachify;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

/**
 * A cached hit on the memory store against a bare Caffeine read.
 *
 * <ul>
 *   <li>{@code cachifyHitRecord}: {@code cached("read_user-{userId}").as(User.class)} wrapped
 *       around {@code Fn.of("userId", ...)}, pre-warmed, {@code call(1L).result()} (the memory
 *       store answers completed futures, so {@code result()} is the value).</li>
 *   <li>{@code caffeineConstantKey}: {@code Cache<String,Object>.getIfPresent(KEY)}, the key a
 *       ready-made string (the floor: a hash lookup and nothing else).</li>
 *   <li>{@code caffeineBuiltKey}: {@code getIfPresent("read_user-" + id)}, the key built per call
 *       as a user writing the cache by hand would.</li>
 * </ul>
 *
 * The bare caches are {@code Caffeine.newBuilder().maximumSize(100_000).build()}: bounded like the
 * memory store (whose default bound is 100,000 values), with no expiry.
 *
 * <p>Annotated as average time (ns/op); bench/jmh.sh runs the class a second time as throughput
 * ({@code -bm thrpt -tu us}), since JMH prints one time unit per run and ops/ns rounds too coarsely.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
// A fixed, pre-touched heap: on this VM the first touch of a heap page costs microseconds, and a
// growing G1 heap keeps touching new pages, which made a 56-byte string concat cost 150-350 ns
// instead of 5 ns and swamped every allocating benchmark (see BENCHMARKS.md).
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class MemoryHitBenchmark {

  /** What the users service caches; records are the recommended immutable value. */
  public record User(long id, String name) {
  }

  /** A field, not a constant, so the JIT cannot fold the argument or the key away. */
  private Long userId = 1L;
  private long id = 1L;
  private String constantKey;

  private Vertx vertx;
  private CachedFunction<User> readUser;
  private Cache<String, Object> constantCache;
  private Cache<String, Object> builtCache;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    Cachify cachify = Cachify.create(vertx);
    readUser = cachify.cached("read_user-{userId}")
      .ttl(Ttl.seconds(300))
      .as(User.class)
      .wrap(Fn.of("userId", (Long userId) -> Future.succeededFuture(new User(userId, "user-" + userId))));

    // Pre-warm: the first call misses and stores; the second decodes once; later hits reuse it.
    for (int i = 0; i < 2; i++) {
      User user = await(readUser.call(userId));
      if (user == null || user.id() != 1L) {
        throw new IllegalStateException("unexpected warm-up value " + user);
      }
    }
    if (!readUser.call(userId).isComplete()) {
      throw new IllegalStateException("a memory-store hit should answer a completed future");
    }

    constantKey = "read_user-" + id;
    constantCache = Caffeine.newBuilder().maximumSize(100_000).build();
    constantCache.put(constantKey, new User(1L, "user-1"));
    builtCache = Caffeine.newBuilder().maximumSize(100_000).build();
    builtCache.put("read_user-" + id, new User(1L, "user-1"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public User cachifyHitRecord() {
    return readUser.call(userId).result();
  }

  @Benchmark
  public Object caffeineConstantKey() {
    return constantCache.getIfPresent(constantKey);
  }

  @Benchmark
  public Object caffeineBuiltKey() {
    return builtCache.getIfPresent("read_user-" + id);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
