package dev.cachify.store.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the memory store promises beyond the shared contract, on a ticker the test moves. */
class MemoryStoreTest {

  private final FakeTicker ticker = new FakeTicker();
  private final MemoryStore store = MemoryStore.create(new MemoryStoreOptions().setTicker(ticker));

  @Test
  void expiryFollowsTheInjectedTicker() {
    store.set("v", Buffer.buffer("x"), Duration.ofSeconds(10));
    store.acquireLock("l", "t", Duration.ofSeconds(10));
    store.acquireSlot("p", "s", 1, Duration.ofSeconds(10));

    ticker.advance(Duration.ofMillis(9_999));
    assertThat(now(store.get("v"))).isNotNull();
    assertThat(now(store.isLocked("l"))).isTrue();
    assertThat(now(store.poolSize("p", 1))).isEqualTo(1);

    ticker.advance(Duration.ofMillis(1));
    assertThat(now(store.get("v"))).isNull();
    assertThat(now(store.isLocked("l"))).isFalse();
    assertThat(now(store.poolSize("p", 1))).isZero();
    assertThat(now(store.acquireLock("l", "next", null))).isNotNull();
    assertThat(now(store.acquireSlot("p", "next", 1, null))).isEqualTo("next");
  }

  @Test
  void extendCountsFromNow() {
    store.acquireLock("l", "t", Duration.ofSeconds(10));
    ticker.advance(Duration.ofSeconds(8));
    assertThat(now(store.extendLock("l", "t", Duration.ofSeconds(10)))).isTrue();

    ticker.advance(Duration.ofSeconds(9));
    assertThat(now(store.isLocked("l"))).isTrue();
    ticker.advance(Duration.ofSeconds(1));
    assertThat(now(store.isLocked("l"))).isFalse();
  }

  @Test
  void repeatedHitsDecodeOncePerDecoder() {
    AtomicInteger decodes = new AtomicInteger();
    Function<Buffer, String> decoder = bytes -> {
      decodes.incrementAndGet();
      return bytes.toString();
    };
    store.set("v", Buffer.buffer("x"), null);

    String first = now(store.getDecoded("v", decoder));
    String second = now(store.getDecoded("v", decoder));

    assertThat(second).isSameAs(first);
    assertThat(decodes).hasValue(1);
    // The hot path allocates nothing on a repeated hit: the same completed future comes back.
    assertThat(store.getDecoded("v", decoder)).isSameAs(store.getDecoded("v", decoder));

    store.set("v", Buffer.buffer("y"), null);
    assertThat(now(store.getDecoded("v", decoder))).isEqualTo("y");
    assertThat(decodes).hasValue(2);
  }

  @Test
  void aNullDecodeIsNotRemembered() {
    AtomicInteger decodes = new AtomicInteger();
    Function<Buffer, String> refuses = bytes -> {
      decodes.incrementAndGet();
      return null;
    };
    store.set("v", Buffer.buffer("x"), null);

    assertThat(now(store.getDecoded("v", refuses))).isNull();
    assertThat(now(store.getDecoded("v", refuses))).isNull();
    assertThat(decodes).hasValue(2);
  }

  @Test
  void aThrowingDecoderFailsTheFuture() {
    store.set("v", Buffer.buffer("x"), null);

    Future<Object> read = store.getDecoded("v", bytes -> {
      throw new IllegalStateException("bad bytes");
    });

    assertThat(read.failed()).isTrue();
    assertThat(read.cause()).hasMessage("bad bytes");
  }

  @Test
  void theDefaultClockExpiresEntries() {
    MemoryStore real = MemoryStore.create();
    try {
      real.set("v", Buffer.buffer("x"), Duration.ofMillis(50));
      assertThat(now(real.get("v"))).isNotNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> now(real.get("v")) == null);
    } finally {
      real.close();
    }
  }

  @Test
  void storedBytesAreNotSharedWithCallers() {
    Buffer written = Buffer.buffer("abc");
    store.set("v", written, null);
    written.setByte(0, (byte) 'X');
    now(store.get("v")).setByte(1, (byte) 'Y');

    assertThat(now(store.get("v")).toString()).isEqualTo("abc");
  }

  @Test
  void sizeBoundEvictsValuesButNeverLocksOrPools() {
    MemoryStore small = MemoryStore.create(new MemoryStoreOptions().setMaximumSize(10));
    small.acquireLock("lock", "t", null);
    small.acquireSlot("pool", "s", 1, null);

    for (int i = 0; i < 1_000; i++) {
      small.set("v" + i, Buffer.buffer("x"), null);
    }
    // Caffeine evicts in the background: wait for it to catch up.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      int kept = 0;
      for (int i = 0; i < 1_000; i++) {
        kept += now(small.get("v" + i)) != null ? 1 : 0;
      }
      assertThat(kept).isLessThanOrEqualTo(10);
    });
    assertThat(now(small.isLocked("lock"))).isTrue();
    assertThat(now(small.poolSize("pool", 1))).isEqualTo(1);
  }

  @Test
  void entriesOfAnotherKindBlockLocksAndSlots() {
    store.set("k", Buffer.buffer("x"), null);

    assertThat(now(store.acquireLock("k", "t", null))).isNull();
    assertThat(now(store.acquireSlot("k", "t", 3, null))).isNull();
    assertThat(now(store.releaseLock("k", "t"))).isFalse();
    assertThat(now(store.isLocked("k"))).isFalse();
  }

  @Test
  void compareAndSetExpiryFollowsTheInjectedTicker() {
    store.set("v", Buffer.buffer("old"), Duration.ofSeconds(10));
    ticker.advance(Duration.ofSeconds(9));
    assertThat(now(store.compareAndSet("v", Buffer.buffer("old"), Buffer.buffer("new"), Duration.ofSeconds(10))))
      .isTrue();

    ticker.advance(Duration.ofSeconds(9));
    assertThat(now(store.get("v")).toString()).as("the new TTL counts from the swap").isEqualTo("new");
    ticker.advance(Duration.ofSeconds(1));
    assertThat(now(store.compareAndSet("v", Buffer.buffer("new"), Buffer.buffer("late"), null)))
      .as("expired: no longer the bytes expected").isFalse();
    assertThat(now(store.compareAndSet("v", null, Buffer.buffer("next"), null))).isTrue();
    assertThat(now(store.get("v")).toString()).isEqualTo("next");
  }

  @Test
  void compareAndSetKeepsItsOwnCopyAndAFreshDecode() {
    Function<Buffer, String> decoder = Buffer::toString;
    store.set("v", Buffer.buffer("old"), null);
    assertThat(now(store.getDecoded("v", decoder))).isEqualTo("old");

    Buffer written = Buffer.buffer("new");
    assertThat(now(store.compareAndSet("v", Buffer.buffer("old"), written, null))).isTrue();
    written.setByte(0, (byte) 'X');

    assertThat(now(store.getDecoded("v", decoder))).isEqualTo("new");
    assertThat(now(store.get("v")).toString()).isEqualTo("new");
  }

  @Test
  void locksAndPoolsAreNeitherAbsentNorValuesToCompareAndSet() {
    store.acquireLock("l", "t", null);
    store.acquireSlot("p", "s", 1, null);

    assertThat(now(store.compareAndSet("l", null, Buffer.buffer("x"), null))).isFalse();
    assertThat(now(store.compareAndSet("l", Buffer.buffer("t"), Buffer.buffer("x"), null))).isFalse();
    assertThat(now(store.compareAndSet("p", null, Buffer.buffer("x"), null))).isFalse();
    assertThat(now(store.isLocked("l"))).isTrue();
    assertThat(now(store.poolSize("p", 1))).isEqualTo(1);
  }

  /** Every memory-store future is already complete. */
  private static <T> T now(Future<T> future) {
    assertThat(future.isComplete()).isTrue();
    return future.result();
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
