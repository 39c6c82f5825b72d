package dev.cachify.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.fn.Fn;
import dev.cachify.store.memory.MemoryStore;
import dev.cachify.store.memory.MemoryStoreOptions;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entries written together get different expiries, read from the stores themselves: the memory
 * store on a ticker the test moves, Redis by {@code PTTL} on the run's private server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RedisServerExtension.class)
class TtlJitterStoresTest {

  private static final int ENTRIES = 50;
  private static final long TTL_MILLIS = 100_000;
  /** The shortest a 100 s TTL with 20 % jitter may become. */
  private static final long LOWEST_MILLIS = 80_000;

  private Vertx vertx;
  private RedisStore redisStore;
  private Redis raw;
  private String prefix;

  @BeforeAll
  void connect() {
    PrivateRedis server = RedisServerExtension.server();
    vertx = Vertx.vertx();
    redisStore = RedisStore.create(vertx, server.url());
    raw = Redis.createClient(vertx, server.url());
    RedisStoreFixture.warmUp(redisStore);
  }

  @AfterAll
  void disconnect() {
    Future.join(redisStore.close(), raw.close()).eventually(vertx::close).await();
  }

  @BeforeEach
  void newPrefix() {
    prefix = "jitter-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  // ---- memory --------------------------------------------------------------------------------

  @Test
  void memoryEntriesWrittenTogetherExpireOneByOneBetweenEightyAndAHundredSeconds() {
    FakeTicker ticker = new FakeTicker();
    MemoryStore store = MemoryStore.create(new MemoryStoreOptions().setTicker(ticker));
    try {
      Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix(prefix)
        .setTtlJitter(20));
      CachedFunction<Integer> f = cachify.cached("m-{x}").ttl(Ttl.millis(TTL_MILLIS))
        .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        await(f.call(i));
        keys.add(f.keyFor(i));
      }

      ticker.advance(Duration.ofMillis(LOWEST_MILLIS - 1));
      assertThat(present(store, keys)).as("none expires before 80 s").isEqualTo(ENTRIES);
      List<Integer> left = new ArrayList<>();
      for (int second = 80; second < 100; second++) {
        ticker.advance(Duration.ofSeconds(1));
        left.add(present(store, keys));
      }
      assertThat(left).as("entries left after 81, 82, ... 100 s").isSortedAccordingTo((x, y) -> y - x)
        .endsWith(0);
      assertThat(new HashSet<>(left)).as("expiries spread over the 20 s").hasSizeGreaterThan(10);
    } finally {
      store.close();
    }
  }

  // ---- redis ---------------------------------------------------------------------------------

  @Test
  void redisValuesNullsAndSetEntriesWrittenTogetherGetDifferentExpiries() {
    Cachify cachify = redisCachify(new CachifyOptions().setTtlJitter(20).setDefaultCacheTtl(Ttl.millis(TTL_MILLIS)));
    CachedFunction<Integer> values = cachify.cached("v-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    CachedFunction<Integer> nulls = cachify.cached("n-{x}").cacheNulls(Ttl.millis(TTL_MILLIS))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(null)));
    long start = System.nanoTime();
    List<String> valueKeys = new ArrayList<>();
    List<String> nullKeys = new ArrayList<>();
    List<String> setKeys = new ArrayList<>();
    List<String> setByDefaultKeys = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      await(values.call(i));
      valueKeys.add(values.keyFor(i));
      await(nulls.call(i));
      nullKeys.add(nulls.keyFor(i));
      await(cachify.entry("set-" + i).set(new JsonObject().put("i", i), Ttl.millis(TTL_MILLIS)));
      setKeys.add(prefix + "set-" + i);
      await(cachify.entry("default-" + i).set(i));
      setByDefaultKeys.add(prefix + "default-" + i);
    }

    for (List<String> keys : List.of(valueKeys, nullKeys, setKeys, setByDefaultKeys)) {
      List<Long> ttls = pttls(keys);
      long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(LOWEST_MILLIS - elapsed, TTL_MILLIS));
      assertThat(new HashSet<>(ttls)).as("distinct expiries of " + keys.get(0) + "...").hasSizeGreaterThan(10);
      assertThat(ttls.stream().mapToLong(Long::longValue).max().orElseThrow()
        - ttls.stream().mapToLong(Long::longValue).min().orElseThrow())
        .as("spread of " + keys.get(0) + "...").isGreaterThan(10_000L);
    }
  }

  @Test
  void aWrapperSetsItsOwnJitterAndNeverStaysNever() {
    Cachify cachify = redisCachify(new CachifyOptions().setTtlJitter(20));
    CachedFunction<Integer> exact = cachify.cached("exact-{x}").ttl(Ttl.millis(TTL_MILLIS)).ttlJitter(0)
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    CachedFunction<Integer> never = cachify.cached("never-{x}").ttl(Ttl.NEVER)
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    long start = System.nanoTime();
    List<String> exactKeys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      await(exact.call(i));
      exactKeys.add(exact.keyFor(i));
    }
    await(never.call(1));
    await(cachify.entry("never-set").set(1)); // the instance default TTL is never

    List<Long> ttls = pttls(exactKeys);
    long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(TTL_MILLIS - elapsed - 1, TTL_MILLIS));
    assertThat(pttls(List.of(never.keyFor(1), prefix + "never-set"))).containsOnly(-1L);
  }

  @Test
  void aResetsTombstoneLivesTheWholeTtlAsked() {
    Cachify cachify = redisCachify(new CachifyOptions().setTtlJitter(50));
    CachedFunction<Integer> f = cachify.cached("r-{x}").ttl(Ttl.millis(TTL_MILLIS))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    long start = System.nanoTime();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      await(f.call(i));
      await(f.reset(i));
      keys.add(f.keyFor(i));
    }
    List<Long> ttls = pttls(keys);
    long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(TTL_MILLIS - elapsed - 1, TTL_MILLIS));
  }

  // ---- settings ------------------------------------------------------------------------------

  @Test
  void jitterOutsideZeroToFiftyIsRefusedWhereItIsSet() {
    assertThat(new CachifyOptions().getTtlJitter()).isZero();
    assertThat(new CachifyOptions(new CachifyOptions().setTtlJitter(50)).getTtlJitter()).isEqualTo(50);
    assertThatThrownBy(() -> new CachifyOptions().setTtlJitter(51))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("TTL jitter is a percentage from 0 (off) to 50, got 51");
    assertThatThrownBy(() -> new CachifyOptions().setTtlJitter(-5))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -5");
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(redisStore));
    assertThatThrownBy(() -> cachify.cached("x").ttlJitter(60))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("TTL jitter is a percentage from 0 (off) to 50, got 60");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Cachify redisCachify(CachifyOptions options) {
    return Cachify.create(vertx, options.setStore(redisStore).setPrefix(prefix));
  }

  private List<Long> pttls(List<String> keys) {
    return keys.stream().map(key -> await(raw.send(Request.cmd(Command.PTTL).arg(key))).toLong()).toList();
  }

  private static int present(MemoryStore store, List<String> keys) {
    return (int) keys.stream().filter(key -> await(store.get(key)) != null).count();
  }

  private static final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }
  }
}
