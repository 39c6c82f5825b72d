package dev.cachify.store.near;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachify.store.StoreException;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.LogCapture;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.given;

/**
 * One near cache on its own Vert.x over the private Redis, on a fake clock: how long it keeps a
 * value (max age, the TTL Redis reports), that hits skip decoding, and that losing Redis drops it.
 * "Behind its back" writes go straight to Redis, as another process would.
 */
@DisplayName("Near cache: max age, TTL, decoding, store failures")
@ExtendWith(RedisServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearCacheLocalTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker clock = nanos::get;
  private final List<NearCacheStore> opened = new ArrayList<>();
  private Vertx vertx;
  private PrivateRedis redis;
  private RedisStore behindItsBack;
  private String key;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    redis = RedisServerExtension.server();
    behindItsBack = redis();
  }

  @AfterAll
  void stop() {
    await(behindItsBack.close());
    await(vertx.close());
  }

  @BeforeEach
  void newKey() {
    key = "near-local-" + UUID.randomUUID();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(store -> await(store.close()));
    opened.clear();
  }

  private RedisStore redis() {
    RedisStore store = RedisStore.create(vertx, RedisStoreOptions.fromUrl(redis.url()));
    RedisStoreFixture.warmUp(store);
    return store;
  }

  private NearCacheStore nearCache(NearCacheOptions options) {
    NearCacheStore store = NearCacheStore.wrap(vertx, redis(), options.setTicker(clock));
    opened.add(store);
    await(store.ready());
    return store;
  }

  private NearCacheStore nearCache() {
    return nearCache(new NearCacheOptions().setMaxAge(MAX_AGE));
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static String text(io.vertx.core.Future<Buffer> value) {
    Buffer bytes = await(value);
    return bytes == null ? null : bytes.toString();
  }

  @Test
  void aValueIsAnsweredFromMemoryUntilItsMaxAgeThenReadAgain() {
    NearCacheStore near = nearCache();
    await(behindItsBack.set(key, Buffer.buffer("one"), null));
    assertThat(text(near.get(key))).isEqualTo("one");

    await(behindItsBack.set(key, Buffer.buffer("two"), null)); // not announced
    assertThat(text(near.get(key))).as("a hit, not a Redis read").isEqualTo("one");

    advance(MAX_AGE.minusMillis(1));
    assertThat(text(near.get(key))).isEqualTo("one");
    advance(Duration.ofMillis(1));
    assertThat(text(near.get(key))).as("max age reached: read again").isEqualTo("two");
  }

  @Test
  void aValueIsKeptNoLongerThanTheTtlRedisReported() {
    NearCacheStore near = nearCache(new NearCacheOptions().setMaxAge(Duration.ofHours(1)));
    await(behindItsBack.set(key, Buffer.buffer("short"), Duration.ofSeconds(10)));
    assertThat(text(near.get(key))).isEqualTo("short");

    await(behindItsBack.set(key, Buffer.buffer("next"), null));
    assertThat(text(near.get(key))).isEqualTo("short");
    advance(Duration.ofSeconds(10));
    assertThat(text(near.get(key))).as("Redis said 10 s at most").isEqualTo("next");
  }

  @Test
  void twoNearCachesOfOneVertxDropEachOthersKeysOnWrites() {
    NearCacheStore a = nearCache();
    NearCacheStore b = nearCache();
    await(a.set(key, Buffer.buffer("one"), null));
    assertThat(text(b.get(key))).isEqualTo("one");
    assertThat(b.holds(key)).isTrue();

    await(a.set(key, Buffer.buffer("two"), null));
    assertThat(b.holds(key)).isFalse();
    assertThat(text(b.get(key))).isEqualTo("two");

    assertThat(await(a.compareAndSet(key, Buffer.buffer("stale"), Buffer.buffer("x"), null))).isFalse();
    assertThat(b.holds(key)).as("a compare-and-set that did not store changes nothing").isTrue();
    assertThat(await(a.compareAndSet(key, Buffer.buffer("two"), Buffer.buffer("three"), null))).isTrue();
    assertThat(text(b.get(key))).isEqualTo("three");

    await(a.delete(key));
    assertThat(await(b.get(key))).isNull();
  }

  @Test
  void repeatedHitsThroughOneDecoderDecodeOnceAndShareTheAnswer() {
    NearCacheStore near = nearCache();
    await(behindItsBack.set(key, Buffer.buffer("value"), null));
    AtomicInteger decodes = new AtomicInteger();
    Function<Buffer, StringBuilder> decoder = bytes -> {
      decodes.incrementAndGet();
      return new StringBuilder(bytes.toString());
    };

    StringBuilder first = await(near.getDecoded(key, decoder));
    StringBuilder second = await(near.getDecoded(key, decoder));
    StringBuilder third = await(near.getDecoded(key, decoder));

    assertThat(first).hasToString("value");
    assertThat(second).isSameAs(first);
    assertThat(third).isSameAs(first);
    assertThat(decodes).hasValue(1);
  }

  @Test
  void getAnswersACopyCallersCannotChangeTheCachedBytes() {
    NearCacheStore near = nearCache();
    await(behindItsBack.set(key, Buffer.buffer("value"), null));
    Buffer mine = await(near.get(key));
    mine.setByte(0, (byte) 'X');

    assertThat(text(near.get(key))).isEqualTo("value");
  }

  @Test
  void losingRedisDropsTheNearCacheAndItCachesAgainOnceRedisIsBack() {
    NearCacheStore near = nearCache(new NearCacheOptions().setMaxAge(Duration.ofHours(1))
      .setProbeInterval(Duration.ofMillis(50)));
    await(near.set(key, Buffer.buffer("kept"), null));
    assertThat(text(near.get(key))).isEqualTo("kept");
    assertThat(near.holds(key)).isTrue();

    try (LogCapture logs = LogCapture.start()) {
      redis.stop();
      try {
        // Only hits: the probe notices.
        eventually(() -> !near.holds(key));
        assertThat(logs.text()).contains("Near cache 'cachify' dropped: the redis store failed");
        assertThat(failure(near.get(key))).isInstanceOf(StoreException.class);
        assertThat(near.isCaching()).isFalse();
      } finally {
        redis.start();
      }
      eventually(near::isCaching);
      assertThat(logs.text()).contains("Near cache 'cachify' caching again: the redis store answers");
    }
    await(near.set(key, Buffer.buffer("again"), null)); // Redis restarted empty
    assertThat(text(near.get(key))).isEqualTo("again");
    assertThat(near.holds(key)).isTrue();
  }

  private static void eventually(Callable<Boolean> condition) {
    given().pollInterval(Duration.ofMillis(20)).ignoreExceptions().await().atMost(Duration.ofSeconds(15)).until(condition);
  }
}
