package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.cache.CachedFunction;
import dev.cachify.codec.Codec;
import dev.cachify.codec.CodecException;
import dev.cachify.codec.JsonCodec;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.KeyTemplateException;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.lock.LeasedFn;
import dev.cachify.lock.LockHandle;
import dev.cachify.lock.LockedFunction;
import dev.cachify.lock.OnceFunction;
import dev.cachify.pool.PoolFullException;
import dev.cachify.pool.PoolSlot;
import dev.cachify.pool.PooledFunction;
import dev.cachify.store.ForwardingStore;
import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.given;

/**
 * The behaviour of {@code cached}, {@code lock}, {@code once} and {@code pool}, the same on every
 * store. Party A and party B are two nodes (or two clients) of one store backend; each test works
 * under its own key prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CachifyContract {

  private StoreFixture fixture;
  private String prefix;
  protected Cachify a;
  protected Cachify b;

  protected abstract StoreFixture createFixture();

  @BeforeAll
  void startFixture() {
    fixture = createFixture();
  }

  @AfterAll
  void stopFixture() {
    fixture.close();
  }

  @BeforeEach
  void newInstances() {
    prefix = "PYC-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    a = instance(new CachifyOptions().setStore(fixture.storeA()), true);
    b = instance(new CachifyOptions().setStore(fixture.storeB()), false);
  }

  private Cachify instance(CachifyOptions options, boolean nodeA) {
    return Cachify.create(nodeA ? fixture.vertxA() : fixture.vertxB(), options
      .setPrefix(prefix).setLockPollInterval(Duration.ofMillis(20)));
  }

  private static void eventually(java.util.concurrent.Callable<Boolean> condition) {
    given().pollInterval(Duration.ofMillis(5)).await().atMost(Duration.ofSeconds(5)).until(condition);
  }

  /** A body's result that arrives only when the test opens {@code gate}: no timing windows. */
  private static Future<Integer> when(Promise<Void> gate, int value) {
    return gate.future().map(open -> value);
  }

  private Future<Integer> later(int millis, int value) {
    return fixture.vertxA().timer(millis, TimeUnit.MILLISECONDS).map(v -> value);
  }

  // ---- keys ----

  @Test
  void cachedKeyIsPrefixTemplateAndOperation() {
    CachedFunction<Integer> readUser = a.cached("read_user-{userId}")
      .wrap(Fn.of("userId", (Integer id) -> Future.succeededFuture(id * 10)));
    assertThat(await(readUser.call(1))).isEqualTo(10);
    assertThat(readUser.keyFor(1)).isEqualTo(prefix + "read_user-1-cached");
    assertThat(await(fixture.storeB().get(prefix + "read_user-1-cached"))).isNotNull();
  }

  @Test
  void staticKeyIgnoresArgumentsUntilReset() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> sum = a.cached("test_key")
      .wrap(Fn.of("a", "b", (Integer x, Integer y) -> {
        runs.incrementAndGet();
        return Future.succeededFuture(x + y);
      }));
    assertThat(await(sum.call(3, 4))).isEqualTo(7);
    assertThat(await(sum.call(3, 4))).isEqualTo(7);
    assertThat(await(sum.call(10, 20))).isEqualTo(7);
    await(sum.reset(3, 4));
    assertThat(await(sum.call(10, 20))).isEqualTo(30);
    assertThat(runs).hasValue(2);
  }

  @Test
  void keyBindsByNameByPositionAndDefaults() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("d-{a}-{1}")
      .wrap(Fn.of(Params.of("a", "b").withDefault("b", 5), args -> {
        runs.incrementAndGet();
        return Future.succeededFuture((Integer) args.get("a") + (Integer) args.get("b"));
      }));
    assertThat(await(f.call(1))).isEqualTo(6);
    assertThat(await(f.call(1, 5))).isEqualTo(6);
    assertThat(await(f.callNamed(Map.of("a", 1, "b", 5)))).isEqualTo(6);
    assertThat(f.keyFor(1)).isEqualTo(prefix + "d-1-5-cached");
    assertThat(runs).hasValue(1);
    assertThat(await(f.call(1, 6))).isEqualTo(7);
    assertThat(runs).hasValue(2);
  }

  @Test
  void templateNamingAMissingArgumentFailsBeforeAnythingRuns() {
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> f = Fn.of("a", (Integer x) -> {
      runs.incrementAndGet();
      return Future.succeededFuture(x);
    });
    assertThatThrownBy(() -> a.cached("m-{zzz}").wrap(f))
      .isInstanceOf(KeyTemplateException.class)
      .hasMessageContaining("m-{zzz}").hasMessageContaining("(a)");
    assertThatThrownBy(() -> a.once("m-{3}").wrap(f)).isInstanceOf(KeyTemplateException.class);
    assertThatThrownBy(() -> a.cached("m-{a")).isInstanceOf(KeyTemplateException.class);
    assertThat(runs).hasValue(0);
  }

  // ---- keys: arguments against the function's declared parameter types ----

  /** A store that counts the reads that reach it. */
  private static final class ReadCountingStore extends ForwardingStore {
    final AtomicInteger reads = new AtomicInteger();

    ReadCountingStore(Store store) {
      super(store);
    }

    @Override
    public Future<Buffer> get(String key) {
      reads.incrementAndGet();
      return super.get(key);
    }

    @Override
    public <T> Future<T> getDecoded(String key, java.util.function.Function<Buffer, T> decoder) {
      reads.incrementAndGet();
      return super.getDecoded(key, decoder);
    }
  }

  /**
   * {@code call("1")} on a {@code (Long id)} function answered a hit and failed a miss with a
   * ClassCastException from inside the lambda: the same call, two behaviours, by cache state. Now
   * every form fails it the same way, hit or miss, before the store is read or the function runs.
   */
  @Test
  void anArgumentOfAnotherTypeFailsAlikeOnAHitAndAMissBeforeTheStoreIsRead() {
    ReadCountingStore counted = new ReadCountingStore(fixture.storeA());
    Cachify typed = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(counted).setPrefix(prefix));
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<String> f = typed.cached("typed-{userId}")
      .wrap(Fn.of("userId", (Long id) -> Future.succeededFuture("user " + id + " #" + runs.incrementAndGet())));
    BlockingCachedFunction<String> blocking = typed.cached("typed-{userId}")
      .wrapBlocking(BlockingFn.of("userId", (Long id) -> "user " + id + " #" + runs.incrementAndGet()));

    List<Throwable> onMiss = mismatches(f, blocking);
    assertThat(counted.reads).as("store reads for calls that do not fit").hasValue(0);
    assertThat(await(f.call(1L))).isEqualTo("user 1 #1"); // "1" and 1L would share the key typed-1
    int readsBefore = counted.reads.get();
    List<Throwable> onHit = mismatches(f, blocking);
    assertThat(counted.reads).as("store reads for calls that do not fit").hasValue(readsBefore);

    Throwable first = onMiss.get(0);
    assertThat(first).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'userId'").hasMessageContaining("java.lang.Long").hasMessageContaining("java.lang.String");
    assertThat(onMiss).hasSize(6).allSatisfy(e ->
      assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage(first.getMessage()));
    assertThat(onHit).hasSize(6).allSatisfy(e ->
      assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage(first.getMessage()));
    assertThat(runs).hasValue(1);
    assertThat(await(f.call(1L))).isEqualTo("user 1 #1");
  }

  /** The failures of {@code "1"} for a {@code Long} parameter, through every form. */
  private static List<Throwable> mismatches(CachedFunction<String> f, BlockingCachedFunction<String> blocking) {
    List<Throwable> failures = new ArrayList<>();
    failures.add(failure(f.call("1")));
    failures.add(failure(f.callNamed(Map.of("userId", "1"))));
    failures.add(failure(f.callEncoded("1")));
    failures.add(failure(f.reset("1")));
    failures.add(caught(() -> blocking.call("1")));
    failures.add(caught(() -> blocking.keyFor("1")));
    return failures;
  }

  private static Throwable caught(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  /**
   * A narrower number widens to the declared type (an {@code Integer} to a {@code Long}): the
   * function gets the declared type, and the key is formatted from the widened value, so
   * {@code call(1)} and {@code call(1L)} share one entry whichever comes first.
   */
  @Test
  void aNarrowerNumberWidensToTheDeclaredTypeAndSharesItsKey() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<String> f = a.cached("widen-{userId}")
      .wrap(Fn.of("userId", (Long id) -> Future.succeededFuture(id.getClass().getSimpleName() + " " + id
        + " #" + runs.incrementAndGet())));
    BlockingCachedFunction<String> blocking = a.cached("widen-{userId}")
      .wrapBlocking(BlockingFn.of("userId", (Long id) -> id.getClass().getSimpleName() + " " + id
        + " #" + runs.incrementAndGet()));

    assertThat(await(f.call(1))).isEqualTo("Long 1 #1");
    assertThat(await(f.call(1L))).isEqualTo("Long 1 #1");
    assertThat(await(f.callNamed(Map.of("userId", (short) 1)))).isEqualTo("Long 1 #1");
    assertThat(blocking.call(1)).isEqualTo("Long 1 #1");
    assertThat(f.keyFor(1)).isEqualTo(f.keyFor(1L)).isEqualTo(prefix + "widen-1-cached");

    assertThat(blocking.call(2)).isEqualTo("Long 2 #2");
    assertThat(await(f.call(2L))).isEqualTo("Long 2 #2");
    assertThat(await(f.callEncoded(3)).toString()).isEqualTo("\"Long 3 #3\"");
    assertThat(await(f.call(3L))).isEqualTo("Long 3 #3");
    await(f.reset(3));
    assertThat(await(f.call(3L))).isEqualTo("Long 3 #4");
    assertThat(runs).hasValue(4);
  }

  // ---- cached ----

  @Test
  void ttlExpiresEntries() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("ttl-{x}").ttl(Ttl.millis(300))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet())));
    assertThat(await(f.call(1))).isEqualTo(1);
    assertThat(await(f.call(1))).isEqualTo(1);
    given().pollInterval(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5))
      .until(() -> await(f.call(1)) == 2);
  }

  /**
   * Entries written together with 50 % jitter on a 6 s TTL: the first expires after 3 s at the
   * earliest, and before 6 s, which no store does without jitter (each keeps an entry at least its
   * TTL); the others are still there then. The margin leaves room for the shared-data store's
   * whole-second expiries (up to a second late) and for slow writes.
   */
  @Test
  void ttlJitterExpiresEntriesWrittenTogetherEarlierButNotAllAtOnce() {
    Cachify jittered = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(fixture.storeA())
      .setPrefix(prefix).setTtlJitter(50));
    CachedFunction<Integer> f = jittered.cached("jit-{x}").ttl(Ttl.seconds(6))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    long start = System.nanoTime();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      await(f.call(i));
      keys.add(f.keyFor(i));
    }

    given().pollInterval(Duration.ofMillis(20)).await().atMost(Duration.ofSeconds(10))
      .until(() -> storedOf(keys) < keys.size());
    long firstGoneMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(firstGoneMillis).as("the first expiry, in ms after the writes began")
      .isBetween(3_000L, 5_999L);
    assertThat(storedOf(keys)).as("entries left when the first expired").isPositive();
  }

  /** How many of {@code keys} the store holds. */
  private int storedOf(List<String> keys) {
    return (int) keys.stream().filter(key -> await(fixture.storeA().get(key)) != null).count();
  }

  @Test
  void explicitNeverWinsOverTheDefaultTtl() {
    Cachify shortDefault = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(fixture.storeA())
      .setPrefix(prefix).setDefaultCacheTtl(Ttl.millis(200)));
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> byDefault = shortDefault.cached("def-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet())));
    CachedFunction<Integer> never = shortDefault.cached("never-{x}").ttl(Ttl.NEVER)
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(100 + runs.incrementAndGet())));
    int kept = await(never.call(1));
    await(byDefault.call(1));
    given().pollInterval(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5))
      .until(() -> await(fixture.storeA().get(byDefault.keyFor(1))) == null);
    assertThat(await(never.call(1))).isEqualTo(kept);
  }

  @Test
  void zeroOrNegativeTtlIsRejected() {
    assertThatThrownBy(() -> Ttl.seconds(0)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("positive");
    assertThatThrownBy(() -> Ttl.millis(-5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetDropsExactlyThatEntry() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("r-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x * 100 + runs.incrementAndGet())));
    int one = await(f.call(1));
    int two = await(f.call(2));
    await(f.reset(1));
    await(f.reset(7)); // absent: fine
    assertThat(await(f.call(2))).isEqualTo(two);
    assertThat(await(f.call(1))).isNotEqualTo(one);
    assertThat(runs).hasValue(3);
  }

  @Test
  void resetOnOneNodeIsSeenOnTheOther() {
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> body = Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()));
    CachedFunction<Integer> onA = a.cached("shared-{x}").wrap(body);
    CachedFunction<Integer> onB = b.cached("shared-{x}").wrap(body);
    assertThat(await(onA.call(1))).isEqualTo(1);
    assertThat(await(onB.call(1))).isEqualTo(1);
    await(onB.reset(1));
    assertThat(await(onA.call(1))).isEqualTo(2);
  }

  @Test
  void nullResultsAreNotServedButFalsyOnesAre() {
    AtomicInteger nullRuns = new AtomicInteger();
    AtomicInteger zeroRuns = new AtomicInteger();
    CachedFunction<Integer> nulls = a.cached("null-{x}")
      .wrap(Fn.of("x", (Integer x) -> {
        nullRuns.incrementAndGet();
        return Future.succeededFuture(null);
      }));
    CachedFunction<Integer> zeros = a.cached("zero-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(zeroRuns.incrementAndGet() * 0)));
    assertThat(await(nulls.call(1))).isNull();
    assertThat(await(nulls.call(1))).isNull();
    assertThat(nullRuns).hasValue(2);
    assertThat(await(zeros.call(1))).isEqualTo(0);
    assertThat(await(zeros.call(1))).isEqualTo(0);
    assertThat(zeroRuns).hasValue(1);
  }

  @Test
  void nullCachingServesNullsForItsOwnTtl() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("nc-{x}").cacheNulls(Ttl.millis(300))
      .wrap(Fn.of("x", (Integer x) -> {
        runs.incrementAndGet();
        return Future.succeededFuture(null);
      }));
    assertThat(await(f.call(1))).isNull();
    assertThat(await(f.call(1))).isNull();
    assertThat(runs).hasValue(1);
    given().pollInterval(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5))
      .until(() -> await(f.call(1)) == null && runs.get() == 2);
  }

  @Test
  void failuresAreNotStoredAndReachTheCaller() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("fail-{x}")
      .wrap(Fn.of("x", (Integer x) -> {
        if (runs.incrementAndGet() == 1) {
          throw new IllegalStateException("boom");
        }
        return Future.succeededFuture(x);
      }));
    assertThat(failure(f.call(1))).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(await(fixture.storeA().get(f.keyFor(1)))).isNull();
    assertThat(await(f.call(1))).isEqualTo(1);
    assertThat(runs).hasValue(2);
  }

  @Test
  void codecEncodesOnWriteAndDecodesOnHits() {
    Codec<Integer> plusFive = new Codec<>() {
      public Buffer encode(Integer v) {
        return Buffer.buffer(Integer.toString(v + 5));
      }

      public Integer decode(Buffer bytes) {
        return Integer.parseInt(bytes.toString()) - 5;
      }
    };
    CachedFunction<Integer> f = a.cached("codec-{x}").codec(plusFive)
      .wrap(Fn.of("x", "y", (Integer x, Integer y) -> Future.succeededFuture(x + y)));
    assertThat(await(f.call(3, 4))).isEqualTo(7);
    assertThat(await(fixture.storeB().get(f.keyFor(3, 4))).toString()).isEqualTo("12");
    assertThat(await(f.call(3, 4))).isEqualTo(7);

    Codec<Integer> twiceThrice = new Codec<>() {
      public Buffer encode(Integer v) {
        return Buffer.buffer(Integer.toString(v * 2));
      }

      public Integer decode(Buffer bytes) {
        return Integer.parseInt(bytes.toString()) * 3;
      }
    };
    CachedFunction<Integer> g = a.cached("codec2-{x}").codec(twiceThrice)
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(x)));
    assertThat(await(g.call(5))).isEqualTo(5);
    assertThat(await(g.call(5))).isEqualTo(30);
  }

  @Test
  void callEncodedAnswersTheStoredBytesWithoutDecoding() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Point> f = a.cached("enc-{x}").as(Point.class)
      .wrap(Fn.of("x", (Integer x) -> {
        runs.incrementAndGet();
        return Future.succeededFuture(x < 0 ? null : new Point(x, "p" + runs.get()));
      }));
    Buffer miss = await(f.callEncoded(1));
    assertThat(new io.vertx.core.json.JsonObject(miss)).isEqualTo(
      new io.vertx.core.json.JsonObject().put("x", 1).put("name", "p1"));
    assertThat(await(f.callEncoded(1))).isEqualTo(miss);
    assertThat(await(f.call(1))).isEqualTo(new Point(1, "p1"));
    assertThat(runs).hasValue(1);
    await(f.reset(1));
    assertThat(new io.vertx.core.json.JsonObject(await(f.callEncoded(1))).getString("name")).isEqualTo("p2");
    assertThat(await(f.callEncoded(-1))).isNull();
  }

  /** JSON of {@link Point}, counting its encodings. */
  private static Codec<Point> countingEncodings(AtomicInteger encodings) {
    Codec<Point> json = JsonCodec.of(Point.class);
    return new Codec<>() {
      public Buffer encode(Point value) {
        encodings.incrementAndGet();
        return json.encode(value);
      }

      public Point decode(Buffer bytes) {
        return json.decode(bytes);
      }
    };
  }

  @Test
  void aMissEncodesOnceAndCallEncodedAnswersTheBytesItStored() {
    AtomicInteger encodings = new AtomicInteger();
    CachedFunction<Point> f = a.cached("enc1-{x}").codec(countingEncodings(encodings))
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(new Point(x, "p" + x))));

    Buffer answered = await(f.callEncoded(1));
    assertThat(encodings).as("encodings of a callEncoded miss").hasValue(1);
    assertThat(answered).isEqualTo(await(fixture.storeB().get(f.keyFor(1))));

    assertThat(await(f.call(2))).isEqualTo(new Point(2, "p2"));
    assertThat(encodings).as("encodings after a call miss as well").hasValue(2);

    assertThat(await(f.callEncoded(1))).isEqualTo(answered);
    assertThat(await(f.callEncoded(2))).isEqualTo(await(fixture.storeB().get(f.keyFor(2))));
    assertThat(await(f.call(1))).isEqualTo(new Point(1, "p1"));
    assertThat(encodings).as("hits encode nothing").hasValue(2);
  }

  @Test
  void concurrentEncodedMissesShareOneLoadAndOneEncoding() {
    AtomicInteger encodings = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<Point> f = a.cached("enc20-{x}").codec(countingEncodings(encodings))
      .wrap(Fn.of("x", (Integer x) -> {
        runs.incrementAndGet();
        return gate.future().map(open -> new Point(x, "shared"));
      }));
    List<Future<Buffer>> encoded = new ArrayList<>();
    List<Future<Point>> decoded = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      encoded.add(f.callEncoded(7));
      decoded.add(f.call(7));
    }
    eventually(() -> runs.get() == 1);
    gate.complete();
    await(Future.all(encoded));
    await(Future.all(decoded));

    Buffer stored = await(fixture.storeB().get(f.keyFor(7)));
    assertThat(encoded).allSatisfy(call -> assertThat(call.result()).isEqualTo(stored));
    assertThat(decoded).allSatisfy(call -> assertThat(call.result()).isEqualTo(new Point(7, "shared")));
    assertThat(runs).hasValue(1);
    assertThat(encodings).hasValue(1);
  }

  @Test
  void jsonCodecRoundTripsRecords() {
    CachedFunction<Point> f = a.cached("point-{x}").as(Point.class)
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(new Point(x, "name \"" + x + "\" ünï"))));
    Point first = await(f.call(4));
    Point second = await(f.call(4));
    assertThat(second).isEqualTo(first).isEqualTo(new Point(4, "name \"4\" ünï"));
  }

  @Test
  void aValueTheCodecCannotEncodeFailsClearlyAndStoresNothing() {
    CachedFunction<Object> f = a.cached("bad-{x}")
      .wrap(Fn.of("x", (Integer x) -> Future.succeededFuture(new Object())));
    assertThat(failure(f.call(1))).isInstanceOf(CodecException.class)
      .hasMessageContaining(f.keyFor(1));
    assertThat(await(fixture.storeA().get(f.keyFor(1)))).isNull();
  }

  @Test
  void instancesWithOtherPrefixesDoNotShareEntries() {
    Cachify other = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(fixture.storeA())
      .setPrefix("LOCAL-" + prefix));
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> body = Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()));
    CachedFunction<Integer> mine = a.cached("same-{x}").wrap(body);
    CachedFunction<Integer> theirs = other.cached("same-{x}").wrap(body);
    assertThat(await(mine.call(1))).isEqualTo(1);
    assertThat(await(theirs.call(1))).isEqualTo(2);
    assertThat(await(mine.call(1))).isEqualTo(1);
    assertThat(await(theirs.call(1))).isEqualTo(2);
  }

  @Test
  void fiftyConcurrentMissesRunTheFunctionOnce() {
    AtomicInteger runs = new AtomicInteger();
    CachedFunction<Integer> f = a.cached("flight-{x}")
      .wrap(Fn.of("x", (Integer x) -> {
        runs.incrementAndGet();
        return later(150, 42);
      }));
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(f.call(1));
    }
    await(Future.all(calls));
    assertThat(calls).allSatisfy(call -> assertThat(call.result()).isEqualTo(42));
    assertThat(runs).hasValue(1);
  }

  // ---- cached: a reset wins over loads in flight ----

  /**
   * The tutorial's bug: a slow read loads the old row, an update commits and resets the entry, then
   * the slow read finishes. Its result must not be stored: the next read, on either node, answers
   * the new row. The first load of {@code row} waits for {@code release}; later loads do not.
   */
  private static Fn<String> slowFirstRead(AtomicReference<String> row, AtomicInteger runs, Future<Void> release) {
    return Fn.of("id", (Integer id) -> {
      String seen = row.get();
      return runs.incrementAndGet() == 1 ? release.map(v -> seen) : Future.succeededFuture(seen);
    });
  }

  @Test
  void aResetWinsOverALoadThatStartedBeforeIt() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    Fn<String> read = slowFirstRead(row, runs, release.future());
    CachedFunction<String> onA = a.cached("row-{id}").wrap(read);
    CachedFunction<String> onB = b.cached("row-{id}").wrap(read);

    Future<String> slow = onA.call(1);
    eventually(() -> runs.get() == 1); // A's load has read the old row
    row.set("new");
    await(onB.reset(1));
    release.complete();

    assertThat(await(slow)).as("the load started before the update").isEqualTo("old");
    assertThat(await(onA.call(1))).as("the old row was not stored").isEqualTo("new");
    assertThat(await(onB.call(1))).isEqualTo("new");
    assertThat(runs).as("the load after the reset was stored").hasValue(2);
  }

  @Test
  void aCallAfterAResetDoesNotJoinALoadThatStartedBeforeIt() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    CachedFunction<String> f = a.cached("join-{id}").wrap(slowFirstRead(row, runs, release.future()));

    Future<String> slow = f.call(1);
    eventually(() -> runs.get() == 1);
    row.set("new");
    await(f.reset(1));

    assertThat(await(f.call(1))).as("a fresh load, not the one in flight").isEqualTo("new");
    release.complete();
    assertThat(await(slow)).isEqualTo("old");
    assertThat(await(f.call(1))).isEqualTo("new");
    assertThat(runs).hasValue(2);
  }

  @Test
  void aResetWinsOverALoadOfACachedNull() {
    AtomicReference<String> row = new AtomicReference<>(null);
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    Fn<String> read = slowFirstRead(row, runs, release.future());
    CachedFunction<String> onA = a.cached("nrow-{id}").cacheNulls(Ttl.seconds(30)).wrap(read);
    CachedFunction<String> onB = b.cached("nrow-{id}").cacheNulls(Ttl.seconds(30)).wrap(read);

    Future<String> slow = onA.call(1);
    eventually(() -> runs.get() == 1);
    row.set("created");
    await(onB.reset(1));
    release.complete();

    assertThat(await(slow)).isNull();
    assertThat(await(onA.call(1))).as("the null was not stored").isEqualTo("created");
    assertThat(await(onB.call(1))).isEqualTo("created");
    assertThat(runs).hasValue(2);
  }

  @Test
  void aLoadAfterAResetIsCachedAsUsual() {
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> body = Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()));
    CachedFunction<Integer> onA = a.cached("after-{x}").wrap(body);
    CachedFunction<Integer> onB = b.cached("after-{x}").wrap(body);
    await(onB.reset(1)); // never loaded: a reset of an absent entry
    assertThat(await(onA.call(1))).isEqualTo(1);
    assertThat(await(onB.call(1))).isEqualTo(1);
    await(onA.reset(1));
    await(onA.reset(1)); // twice in a row: still one miss
    assertThat(await(onB.call(1))).isEqualTo(2);
    assertThat(await(onA.call(1))).isEqualTo(2);
    assertThat(runs).hasValue(2);
  }

  @Test
  void aResetWinsOverABlockingLoadThatStartedBeforeIt() throws Exception {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    BlockingFn<String> read = BlockingFn.of("id", (Integer id) -> {
      String seen = row.get();
      if (runs.incrementAndGet() == 1) {
        try {
          release.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return seen;
    });
    BlockingCachedFunction<String> onA = a.cached("brow-{id}").wrapBlocking(read);
    BlockingCachedFunction<String> onB = b.cached("brow-{id}").wrapBlocking(read);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<String> slow = caller.submit(() -> onA.call(1));
      eventually(() -> runs.get() == 1);
      row.set("new");
      onB.reset(1);
      release.countDown();

      assertThat(slow.get(15, TimeUnit.SECONDS)).isEqualTo("old");
      assertThat(onA.call(1)).isEqualTo("new");
      assertThat(onB.call(1)).isEqualTo("new");
      assertThat(runs).hasValue(2);
    } finally {
      caller.shutdownNow();
    }
  }

  // ---- cached: the blocking form, through the same routine ----

  @Test
  void aBlockingFunctionRunsOnItsCallersThreadWhicheverThreadTheStoreAnswersOn() {
    List<Thread> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
    BlockingFn<Integer> twice = BlockingFn.of("x", (Integer x) -> {
      ranOn.add(Thread.currentThread());
      return x * 2;
    });
    BlockingCachedFunction<Integer> f = a.cached("bthread-{x}").wrapBlocking(twice);
    BlockingCachedFunction<Integer> turns = a.cached("bturn-{x}").clusterSingleFlight(true).wrapBlocking(twice);
    for (int x = 1; x <= 3; x++) {
      assertThat(f.call(x)).isEqualTo(x * 2);
      assertThat(turns.call(x)).isEqualTo(x * 2);
      assertThat(f.call(x)).isEqualTo(x * 2);
    }
    assertThat(ranOn).hasSize(6).allSatisfy(thread -> assertThat(thread).isSameAs(Thread.currentThread()));
  }

  @Test
  void futureCallersJoinABlockingLoadAndAllGetItsResult() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    BlockingCachedFunction<Integer> blocking = a.cached("bmix-{x}").wrapBlocking(BlockingFn.of("x", (Integer x) -> {
      runs.incrementAndGet();
      try {
        release.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return x * 2;
    }));
    CachedFunction<Integer> async = a.cached("bmix-{x}").wrap(Fn.of("x", (Integer x) -> {
      runs.incrementAndGet();
      return Future.succeededFuture(-1);
    }));
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<Integer> leader = caller.submit(() -> blocking.call(21));
      eventually(() -> runs.get() == 1);
      List<Future<Integer>> joined = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        joined.add(async.call(21));
      }
      release.countDown();
      assertThat(leader.get(15, TimeUnit.SECONDS)).isEqualTo(42);
      await(Future.all(joined));
      assertThat(joined).allSatisfy(call -> assertThat(call.result()).isEqualTo(42));
      assertThat(runs).hasValue(1);
    } finally {
      caller.shutdownNow();
    }
  }

  // ---- entry(key).getOrLoad: read-through by key ----

  @Test
  void getOrLoadStoresAMissUnderTheEntryAndAnswersHitsFromIt() {
    AtomicInteger runs = new AtomicInteger();
    Supplier<Future<Object>> loader = () -> Future.succeededFuture(new JsonObject().put("run", runs.incrementAndGet()));
    JsonObject first = new JsonObject().put("run", 1);

    assertThat(await(a.entry("rates").getOrLoad(Ttl.seconds(30), loader))).isEqualTo(first);
    assertThat(await(b.entry("rates").getOrLoad(Ttl.seconds(30), loader))).isEqualTo(first);
    assertThat(await(b.entry("rates").get())).isEqualTo(first);
    assertThat(await(fixture.storeB().get(prefix + "rates"))).as("stored under prefix + key").isNotNull();
    assertThat(runs).hasValue(1);
  }

  @Test
  void getOrLoadStoresForItsTtlOrTheInstanceDefault() {
    Cachify shortDefault = Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(fixture.storeA())
      .setPrefix(prefix).setDefaultCacheTtl(Ttl.millis(300)));
    AtomicInteger runs = new AtomicInteger();
    Supplier<Future<Object>> loader = () -> Future.succeededFuture(runs.incrementAndGet());

    assertThat(await(shortDefault.entry("kept").getOrLoad(Ttl.NEVER, loader))).isEqualTo(1);
    assertThat(await(shortDefault.entry("byDefault").getOrLoad(loader))).isEqualTo(2);
    assertThat(await(shortDefault.entry("short").getOrLoad(Ttl.millis(300), loader))).isEqualTo(3);
    given().pollInterval(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5))
      .until(() -> await(fixture.storeA().get(prefix + "byDefault")) == null
        && await(fixture.storeA().get(prefix + "short")) == null);
    assertThat(await(shortDefault.entry("kept").getOrLoad(Ttl.NEVER, loader))).isEqualTo(1);
    assertThat(await(shortDefault.entry("short").getOrLoad(Ttl.millis(300), loader))).isEqualTo(4);
  }

  @Test
  void aFailedOrNullLoadStoresNothingAndReachesTheCaller() {
    AtomicInteger nullRuns = new AtomicInteger();
    assertThat(failure(a.entry("f").getOrLoad(Ttl.seconds(30),
      () -> Future.failedFuture(new IllegalStateException("boom"))))).hasMessage("boom");
    assertThat(failure(a.entry("f").getOrLoad(Ttl.seconds(30), () -> {
      throw new IllegalStateException("thrown");
    }))).hasMessage("thrown");
    assertThat(failure(a.entry("f").getOrLoad(Ttl.seconds(30), () -> null)))
      .isInstanceOf(NullPointerException.class).hasMessageContaining("null Future");
    assertThat(await(fixture.storeA().get(prefix + "f"))).isNull();

    Supplier<Future<Object>> nothing = () -> {
      nullRuns.incrementAndGet();
      return Future.succeededFuture(null);
    };
    assertThat(await(a.entry("n").getOrLoad(Ttl.seconds(30), nothing))).isNull();
    assertThat(await(b.entry("n").getOrLoad(Ttl.seconds(30), nothing))).isNull();
    assertThat(await(fixture.storeA().get(prefix + "n"))).isNull();
    assertThat(nullRuns).as("a null is loaded again, not served").hasValue(2);
  }

  @Test
  void concurrentMissesOfOneEntryOnBothNodesRunTheLoaderOnce() {
    AtomicInteger runs = new AtomicInteger();
    Supplier<Future<Object>> loader = () -> {
      runs.incrementAndGet();
      return later(300, 42).map(v -> (Object) v);
    };
    List<Future<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(a.entry("hot").getOrLoad(Ttl.seconds(30), loader));
      calls.add(b.entry("hot").getOrLoad(Ttl.seconds(30), loader));
    }
    await(Future.all(calls));
    assertThat(calls).allSatisfy(call -> assertThat(call.result()).isEqualTo(42));
    assertThat(runs).hasValue(1);
  }

  /** The first load waits for {@code release} and answers what {@code row} held when it began. */
  private static Supplier<Future<Object>> slowFirstLoad(AtomicReference<String> row, AtomicInteger runs,
                                                        Future<Void> release) {
    return () -> {
      String seen = row.get();
      return runs.incrementAndGet() == 1 ? release.map(v -> seen) : Future.succeededFuture(seen);
    };
  }

  @Test
  void aResetWinsOverAnEntryLoadThatStartedBeforeIt() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    Supplier<Future<Object>> load = slowFirstLoad(row, runs, release.future());

    Future<Object> slow = a.entry("row").getOrLoad(Ttl.seconds(30), load);
    eventually(() -> runs.get() == 1);
    row.set("new");
    await(b.entry("row").reset());
    release.complete();

    assertThat(await(slow)).as("the load started before the reset").isEqualTo("old");
    assertThat(await(a.entry("row").get())).as("and was not stored").isNull();
    assertThat(await(a.entry("row").getOrLoad(Ttl.seconds(30), load))).isEqualTo("new");
    assertThat(await(b.entry("row").get())).isEqualTo("new");
    assertThat(runs).hasValue(2);
  }

  @Test
  void aGetOrLoadAfterAResetDoesNotJoinALoadThatStartedBeforeIt() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    Supplier<Future<Object>> load = slowFirstLoad(row, runs, release.future());

    Future<Object> slow = a.entry("join").getOrLoad(Ttl.seconds(30), load);
    eventually(() -> runs.get() == 1);
    row.set("new");
    await(a.entry("join").reset());

    assertThat(await(a.entry("join").getOrLoad(Ttl.seconds(30), load)))
      .as("a fresh load while the first still runs, not the first").isEqualTo("new");
    release.complete();
    assertThat(await(slow)).isEqualTo("old");
    assertThat(await(b.entry("join").get())).isEqualTo("new");
    assertThat(runs).hasValue(2);
  }

  @Test
  void anEntryResetMakesACachedFunctionLoadAfreshToo() {
    AtomicReference<String> row = new AtomicReference<>("old");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> release = Promise.promise();
    CachedFunction<String> f = a.cached("fresh-{id}").wrap(slowFirstRead(row, runs, release.future()));

    Future<String> slow = f.call(1);
    eventually(() -> runs.get() == 1);
    row.set("new");
    await(a.entry("fresh-1-cached").reset()); // what the event bus's cachify.cache.reset does

    assertThat(await(f.call(1))).isEqualTo("new");
    release.complete();
    assertThat(await(slow)).isEqualTo("old");
    assertThat(runs).hasValue(2);
  }

  @Test
  void anEntryAndACachedFunctionOfOneKeyNeverAnswerEachOthersLoads() {
    Promise<Void> release = Promise.promise();
    CachedFunction<Point> typed = a.cached("typed-{x}").as(Point.class)
      .wrap(Fn.of("x", (Integer x) -> release.future().map(v -> new Point(x, "function"))));

    Future<Point> viaFunction = typed.call(1);
    Future<Object> viaEntry = a.entry("typed-1-cached").getOrLoad(Ttl.seconds(30),
      () -> Future.succeededFuture(new JsonObject().put("x", 1).put("name", "entry")));
    assertThat(await(viaEntry)).as("its own load, as JSON").isEqualTo(new JsonObject().put("x", 1).put("name", "entry"));
    release.complete();

    assertThat(await(viaFunction)).isEqualTo(new Point(1, "function"));
    assertThat(await(typed.call(1))).as("the entry's load was stored first").isEqualTo(new Point(1, "entry"));
  }

  // ---- lock ----

  @Test
  void lockIsStoredUnderPrefixAndKeyAndExcludesOthers() {
    LockHandle held = await(a.lock("lock").acquire());
    assertThat(held.key()).isEqualTo(prefix + "lock");
    assertThat(await(b.isLocked("lock"))).isTrue();
    assertThat(failure(b.lock("lock").acquire())).isInstanceOf(CachifyLockException.class)
      .hasMessage(prefix + "lock is already locked!");
    assertThat(failure(a.lock("lock").acquire())).as("not re-entrant")
      .isInstanceOf(CachifyLockException.class);
    assertThat(await(held.release())).isTrue();
    assertThat(await(b.isLocked("lock"))).isFalse();
    assertThat(await(held.release())).as("second release").isFalse();
  }

  @Test
  void aHolderWhoseLockExpiredCannotReleaseTheNextHoldersLock() {
    LockHandle stale = await(a.lock("owner").exp(Ttl.millis(200)).acquire());
    LockHandle next = await(b.lock("owner").nowait(false).timeout(Duration.ofSeconds(5)).acquire());
    assertThat(await(stale.release())).isFalse();
    assertThat(await(stale.extend(Ttl.seconds(30)))).isFalse();
    assertThat(await(a.isLocked("owner"))).isTrue();
    assertThat(await(next.release())).isTrue();
  }

  @Test
  void waiterGetsTheLockWhenTheHoldersExpires() {
    await(a.lock("matrix1").exp(Ttl.millis(300)).acquire());
    LockHandle waited = await(b.lock("matrix1").nowait(false).timeout(Duration.ofSeconds(3)).acquire());
    assertThat(waited.key()).isEqualTo(prefix + "matrix1");
  }

  @Test
  void waiterTimesOutBeforeTheHolderExpires() {
    await(a.lock("matrix2").exp(Ttl.seconds(5)).acquire());
    long start = System.nanoTime();
    assertThat(failure(b.lock("matrix2").nowait(false).timeout(Duration.ofMillis(300)).acquire()))
      .isInstanceOf(CachifyLockException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void waiterGetsAReleasedLock() {
    LockHandle held = await(a.lock("matrix3").acquire());
    Future<LockHandle> waiting = b.lock("matrix3").nowait(false).timeout(Duration.ofSeconds(5)).acquire();
    assertThat(waiting.isComplete()).isFalse();
    await(held.release());
    assertThat(await(waiting).key()).isEqualTo(prefix + "matrix3");
  }

  @Test
  void nowaitIgnoresTheTimeoutAndZeroTimeoutIsOneAttempt() {
    await(a.lock("matrix4").acquire());
    assertThat(failure(b.lock("matrix4").nowait(true).timeout(Duration.ofSeconds(30)).acquire()))
      .isInstanceOf(CachifyLockException.class);
    assertThat(failure(b.lock("matrix4").nowait(false).timeout(Duration.ZERO).acquire()))
      .isInstanceOf(CachifyLockException.class);
  }

  @Test
  void extendKeepsTheLockPastItsFirstExpiry() {
    LockHandle held = await(a.lock("extend").exp(Ttl.millis(300)).acquire());
    assertThat(await(held.extend(Ttl.seconds(30)))).isTrue();
    given().await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
      .until(() -> await(b.isLocked("extend")));
    assertThat(await(held.release())).isTrue();
  }

  @Test
  void lockWithoutExpiryStays() {
    LockHandle held = await(a.lock("forever").exp(Ttl.NEVER).acquire());
    given().await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
      .until(() -> await(b.isLocked("forever")));
    assertThat(await(held.release())).isTrue();
  }

  @Test
  void withLockAlwaysReleases() {
    assertThat(await(a.withLock("scope", () -> Future.succeededFuture(5)))).isEqualTo(5);
    assertThat(await(a.isLocked("scope"))).isFalse();
    assertThat(failure(a.withLock("scope", () -> {
      throw new IllegalArgumentException("body failed");
    }))).isInstanceOf(IllegalArgumentException.class).hasMessage("body failed");
    assertThat(await(a.isLocked("scope"))).isFalse();
    Promise<Integer> body = Promise.promise();
    Future<Integer> scoped = a.withLock("scope", body::future);
    eventually(() -> await(b.isLocked("scope")));
    body.fail("later failure");
    assertThat(failure(scoped)).hasMessage("later failure");
    assertThat(await(b.isLocked("scope"))).isFalse();
  }

  @Test
  void lockedWrapperExcludesEqualKeysOnly() {
    Promise<Void> gate = Promise.promise();
    LockedFunction<Integer> f = a.locked("job-{arg}")
      .wrap(Fn.of("arg", (Integer arg) -> when(gate, arg + 10)));
    Future<Integer> first = f.call(3);
    eventually(() -> await(f.isLocked(3)));
    Future<Integer> same = f.call(3);
    Future<Integer> other = f.call(5);
    assertThat(failure(same)).isInstanceOf(CachifyLockException.class)
      .hasMessage(prefix + "job-3-lock is already locked!");
    assertThat(await(f.isLocked(3))).isTrue();
    gate.complete();
    assertThat(await(first)).isEqualTo(13);
    assertThat(await(other)).isEqualTo(15);
    assertThat(await(f.isLocked(3))).isFalse();
  }

  @Test
  void lockedWrapperWaitsWhenAsked() {
    LockedFunction<Integer> f = a.locked("wjob-{arg}").nowait(false).timeout(Duration.ofSeconds(3))
      .wrap(Fn.of("arg", (Integer arg) -> later(200, arg + 10)));
    Future<Integer> first = f.call(3);
    Future<Integer> second = f.call(3);
    assertThat(await(first)).isEqualTo(13);
    assertThat(await(second)).isEqualTo(13);
  }

  // ---- fencing tokens and leases ----

  @Test
  void everyNewHolderOfALockGetsAHigherFence() {
    List<Long> fences = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      LockHandle lock = await((i % 2 == 0 ? a : b).lock("fenced").acquire());
      fences.add(lock.fence());
      await(lock.release());
    }
    assertThat(fences).isSorted().doesNotHaveDuplicates();
    // At least the clock in microseconds: tokens stay above old ones when a store loses its counters.
    assertThat(fences.get(0)).isGreaterThan((System.currentTimeMillis() - 3_600_000L) * 1_000);
  }

  @Test
  void aHolderWhoseLockExpiredHasALowerFenceThanTheNextAndIsToldItLostIt() {
    LockHandle first = await(a.lock("fenced").exp(Ttl.millis(300)).acquire());
    Future<String> firstLost = first.lost();

    LockHandle second = await(b.lock("fenced").nowait(false).timeout(Duration.ofSeconds(5)).acquire());

    assertThat(second.fence()).isGreaterThan(first.fence());
    assertThat(await(firstLost)).contains("expiry passed");
    assertThat(await(first.release())).isFalse();
    assertThat(await(second.release())).isTrue();
  }

  @Test
  void aScopeAndALeasedOnceBodySeeTheirLock() {
    Long scoped = await(a.lock("scoped").withLock(lock -> Future.succeededFuture(lock.fence())));
    OnceFunction<Long> job = a.once("job-{id}")
      .wrapLeased(LeasedFn.of("id", (Integer id, LockHandle lock) -> Future.succeededFuture(lock.fence())));

    long firstRun = await(job.call(1));
    long secondRun = await(job.call(1));

    assertThat(scoped).isPositive();
    assertThat(secondRun).isGreaterThan(firstRun);
  }

  /** A leased body's declared types are read as {@code Fn}'s are: a call that does not fit fails before anything runs. */
  @Test
  void aLeasedOnceBodysArgumentsAreCheckedAgainstItsDeclaredTypes() {
    AtomicInteger runs = new AtomicInteger();
    OnceFunction<Long> job = a.once("typed-job-{id}")
      .wrapLeased(LeasedFn.of("id", "note", (Long id, String note, LockHandle lock) -> {
        runs.incrementAndGet();
        return Future.succeededFuture(id);
      }));

    Throwable mismatch = caught(() -> await(job.call("7", "n")));
    assertThat(mismatch).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'id'").hasMessageContaining("java.lang.Long").hasMessageContaining("java.lang.String");
    assertThat(runs).as("the body never ran").hasValue(0);
    assertThat(await(job.call(7, "n"))).as("an Integer widens to the declared Long").isEqualTo(7L);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aLockWithoutFixedExpiryIsRenewedUntilReleased() {
    Cachify leased = leasedInstance();
    LockHandle lock = await(leased.lock("renewed").exp(Ttl.NEVER).acquire());
    assertThat(lock.isRenewed()).isTrue();

    // Four leases long: without renewals it would have expired three times over.
    given().pollInterval(Duration.ofMillis(50)).await().during(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5))
      .until(() -> await(b.isLocked("renewed")));
    assertThat(lock.lost().isComplete()).isFalse();

    assertThat(await(lock.release())).isTrue();
    assertThat(await(b.isLocked("renewed"))).isFalse();
  }

  @Test
  void aRenewedLockTakenAwaySignalsLost() {
    LockHandle lock = await(leasedInstance().lock("renewed").exp(Ttl.NEVER).acquire());

    await(fixture.storeB().delete(lock.key())); // an operator's override

    assertThat(await(lock.lost())).contains("another holder has it, or it was deleted");
  }

  @Test
  void aRenewedOnceGuardHoldsWhileItsBodyRuns() {
    Promise<Void> gate = Promise.promise();
    OnceFunction<Integer> job = leasedInstance().once("slow-{id}").exp(Ttl.NEVER)
      .wrap(Fn.of("id", (Integer id) -> when(gate, id)));
    Future<Integer> running = job.call(7);

    given().pollInterval(Duration.ofMillis(50)).await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(5))
      .until(() -> await(job.isLocked(7)));
    gate.complete();

    assertThat(await(running)).isEqualTo(7);
    assertThat(await(job.isLocked(7))).isFalse();
  }

  @Test
  void aWaiterWakesWhenTheLockIsReleasedNotAtItsNextPoll() {
    Cachify slowPolling = slowPollingInstance();
    LockHandle held = await(a.lock("queue").exp(Ttl.seconds(60)).acquire());
    Future<LockHandle> waiting = slowPolling.lock("queue").nowait(false).timeout(Duration.ofSeconds(14)).acquire();
    // Whenever the release lands (before the waiter watches, or after), the waiter sees it: it
    // tries once more right after its watch is in place.
    await(held.release());

    // Its poll interval is a minute: only the release notice can have woken it within the bound.
    LockHandle next = await(waiting);
    assertThat(next.fence()).isGreaterThan(held.fence());
    await(next.release());
  }

  @Test
  void aWaiterTakesTheLockOfADeadHolderWhenItsLeaseRunsOut() {
    if (await(fixture.storeA().lockRemainingMillis(prefix + "probe")) < 0) {
      return; // this store cannot tell a lock's remaining life: its waiters poll instead
    }
    LockHandle abandoned = await(a.lock("orphan").exp(Ttl.millis(500)).acquire()); // never released

    LockHandle next = await(slowPollingInstance().lock("orphan").nowait(false).timeout(Duration.ofSeconds(14)).acquire());

    assertThat(next.fence()).isGreaterThan(abandoned.fence());
    await(next.release());
  }

  /** Party B polling once a minute: a waiter that wakes sooner was woken by a release notice. */
  private Cachify slowPollingInstance() {
    return Cachify.create(fixture.vertxB(), new CachifyOptions().setStore(fixture.storeB()).setPrefix(prefix)
      .setLockPollInterval(Duration.ofMinutes(1)).setLockPollMaxInterval(Duration.ofMinutes(1)));
  }

  /** Party A with a 300 ms lease for locks taken without a fixed expiry. */
  private Cachify leasedInstance() {
    return Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(fixture.storeA()).setPrefix(prefix)
      .setLockLease(Duration.ofMillis(300)));
  }

  // ---- once ----

  @Test
  void onceUnderFiftyConcurrentCallersRunsExactlyOne() {
    AtomicInteger runs = new AtomicInteger();
    Promise<Integer> finish = Promise.promise();
    // The running call lasts until every other caller has answered, whatever the machine's speed.
    Fn<Integer> body = Fn.of("x", (Integer x) -> {
      runs.incrementAndGet();
      return finish.future();
    });
    OnceFunction<Integer> onA = a.once("once-{x}").wrap(body);
    OnceFunction<Integer> onB = b.once("once-{x}").wrap(body);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add((i % 2 == 0 ? onA : onB).call(1));
    }
    eventually(() -> calls.stream().filter(Future::isComplete).count() == 49);
    finish.complete(7);
    await(Future.all(calls));
    assertThat(runs).hasValue(1);
    assertThat(calls.stream().map(Future::result).filter(Objects::nonNull)).containsExactly(7);
    assertThat(await(onA.isLocked(1))).isFalse();
  }

  @Test
  void onceAnswersItsFallbackWhileHeld() {
    Promise<Void> gate = Promise.promise();
    Fn<String> body = Fn.of("x", (Integer x) -> when(gate, x).map(String::valueOf));
    OnceFunction<String> raising = a.once("busy-{x}").onLocked(Fallback.<String>failing()).wrap(body);
    OnceFunction<String> returning = a.once("busy-{x}").onLocked(Fallback.returning("test")).wrap(body);
    OnceFunction<String> supplying = a.once("busy-{x}")
      .onLocked(Fallback.supplying(args -> "busy " + args.get("x"))).wrap(body);
    Future<String> running = raising.call(1);
    eventually(() -> await(raising.isLocked(1)));
    assertThat(failure(raising.call(1))).isInstanceOf(CachifyLockException.class)
      .hasMessage(prefix + "busy-1-once is already locked!");
    assertThat(await(returning.call(1))).isEqualTo("test");
    assertThat(await(supplying.call(1))).isEqualTo("busy 1");
    Future<String> otherKey = returning.call(2);
    eventually(() -> await(returning.isLocked(2)));
    gate.complete();
    assertThat(await(otherKey)).as("another key runs").isEqualTo("2");
    assertThat(await(running)).isEqualTo("1");
    assertThat(await(raising.isLocked(1))).isFalse();
  }

  @Test
  void onceKeysOnTheTemplateOnlyAndReleaseLetsASecondCallIn() {
    Promise<Void> gate = Promise.promise();
    Promise<Void> firstRuns = Promise.promise();
    OnceFunction<Integer> f = a.once("pair-{a}")
      .wrap(Fn.of("a", "b", (Integer x, Integer y) -> {
        firstRuns.tryComplete();
        return when(gate, x + y);
      }));
    Future<Integer> first = f.call(1, 2);
    // Its body runs: its guard is taken and confirmed (a shared-data acquisition confirms after the
    // put, and an operator's release before that would rightly leave it without the guard).
    await(firstRuns.future());
    assertThat(await(f.isLocked(1, 2))).isTrue();
    assertThat(await(f.call(1, 99))).as("same a, other b: excluded").isNull();
    await(f.release(1, 0));
    Future<Integer> second = f.call(1, 3);
    eventually(() -> await(f.isLocked(1, 3)));
    gate.complete();
    assertThat(await(first)).isEqualTo(3);
    assertThat(await(second)).isEqualTo(4);
  }

  @Test
  void anErrorRaisedByTheBodyStaysTheBodys() {
    OnceFunction<Integer> f = a.once("inner-{x}").onLocked(Fallback.returning(-1))
      .wrap(Fn.of("x", (Integer x) -> Future.failedFuture(new CachifyLockException("inner lock"))));
    assertThat(failure(f.call(1))).isInstanceOf(CachifyLockException.class).hasMessageContaining("inner lock");
    assertThat(await(f.isLocked(1))).isFalse();
  }

  @Test
  void onceAndCachedOnOneTemplateDoNotCollide() {
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    CachedFunction<Integer> cached = a.cached("test_key")
      .wrap(Fn.of("a", "b", (Integer x, Integer y) -> {
        runs.incrementAndGet();
        return when(gate, x + y);
      }));
    OnceFunction<Integer> once = a.once("test_key")
      .wrap(Fn.of("a", "b", (Integer x, Integer y) -> cached.call(x, y)));
    Future<Integer> first = once.call(3, 4);
    eventually(() -> await(once.isLocked(3, 4)));
    Future<Integer> second = once.call(3, 4);
    assertThat(await(second)).isNull();
    gate.complete();
    assertThat(await(first)).isEqualTo(7);
    assertThat(await(once.call(3, 4))).isEqualTo(7);
    assertThat(runs).hasValue(1);
  }

  // ---- pool ----

  @Test
  void poolRefusesPastItsSizeAndCountsHolders() {
    assertThat(await(a.pool("pool", 2).size())).isEqualTo(0);
    PoolSlot one = await(a.pool("pool", 2).acquire());
    PoolSlot two = await(b.pool("pool", 2).acquire());
    assertThat(await(b.pool("pool", 2).size())).isEqualTo(2);
    assertThat(failure(a.pool("pool", 2).acquire())).isInstanceOf(PoolFullException.class)
      .hasMessage(prefix + "pool is full (max_size=2)");
    assertThat(await(one.release())).isTrue();
    assertThat(await(one.release())).isFalse();
    assertThat(await(a.pool("pool", 2).size())).isEqualTo(1);
    assertThat(await(two.release())).isTrue();
    assertThat(await(a.pool("pool", 2).size())).isEqualTo(0);
  }

  @Test
  void poolSlotsExpire() {
    await(a.pool("expiring", 1).slotExp(Ttl.millis(300)).acquire());
    assertThat(failure(b.pool("expiring", 1).acquire())).isInstanceOf(PoolFullException.class);
    given().pollInterval(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5))
      .until(() -> b.pool("expiring", 1).acquire().toCompletionStage().handle((slot, e) -> e == null)
        .toCompletableFuture().get());
  }

  @Test
  void pooledAnswersItsFallbackWhenFullAndFreesSlotsAfterErrors() {
    Promise<Void> gate = Promise.promise();
    Fn<Integer> body = Fn.of("x", (Integer x) -> when(gate, x));
    PooledFunction<Integer> nulls = a.pooled("p-{x}", 1).wrap(body);
    PooledFunction<Integer> onFull = a.pooled("p-{x}", 1).onFull(Fallback.supplying(args -> -1)).wrap(body);
    PooledFunction<Integer> raising = a.pooled("p-{x}", 1).onFull(Fallback.<Integer>failing()).wrap(body);
    PooledFunction<Integer> failing = a.pooled("p-{x}", 1)
      .wrap(Fn.of("x", (Integer x) -> Future.failedFuture(new IllegalStateException("boom"))));
    Future<Integer> running = nulls.call(1);
    eventually(() -> await(nulls.size(1)) == 1);
    assertThat(await(nulls.call(1))).isNull();
    assertThat(await(onFull.call(1))).isEqualTo(-1);
    assertThat(failure(raising.call(1))).isInstanceOf(PoolFullException.class);
    gate.complete();
    assertThat(await(running)).isEqualTo(1);
    assertThat(await(nulls.size(1))).isEqualTo(0);
    assertThat(failure(failing.call(1))).hasMessage("boom");
    assertThat(await(nulls.size(1))).isEqualTo(0);
    assertThat(nulls.keyFor(1)).isEqualTo(prefix + "p-1-pool");
  }

  /** A record for the JSON codec round trip. */
  public record Point(int x, String name) {
  }
}
