package dev.cachify.contract;

import dev.cachify.Cachify;
import dev.cachify.CachifyClosedException;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.cache.CacheEntry;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.BlockingLockedFunction;
import dev.cachify.lock.BlockingOnceFunction;
import dev.cachify.lock.Lock;
import dev.cachify.lock.LockHandle;
import dev.cachify.lock.LockedBuilder;
import dev.cachify.lock.LockedFunction;
import dev.cachify.lock.OnceBuilder;
import dev.cachify.lock.OnceFunction;
import dev.cachify.pool.BlockingPooledFunction;
import dev.cachify.pool.Pool;
import dev.cachify.pool.PoolSlot;
import dev.cachify.pool.PooledBuilder;
import dev.cachify.pool.PooledFunction;
import dev.cachify.store.ForwardingStore;
import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static dev.cachify.contract.Await.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.given;

/**
 * {@code Cachify.close()}, the same on every store: later calls fail clearly on the instance and
 * on everything made from it; what it holds for work in this process is released and its leases
 * are no longer renewed; waiters fail instead of hanging; a store the caller passed in stays open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CachifyCloseContract {

  private StoreFixture fixture;
  protected String prefix;

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
  void newPrefix() {
    prefix = "CLOSE-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  protected StoreFixture fixture() {
    return fixture;
  }

  private Cachify instance(Store store) {
    return Cachify.create(fixture.vertxA(), new CachifyOptions().setStore(store).setPrefix(prefix)
      .setLockLease(Duration.ofMillis(300)).setLockPollInterval(Duration.ofMillis(20)));
  }

  private static void assertClosed(Future<?> call) {
    assertThat(failureWithin(call, Duration.ofSeconds(2))).isInstanceOf(CachifyClosedException.class)
      .hasMessageContaining("is closed");
  }

  private static void assertClosed(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(CachifyClosedException.class).hasMessageContaining("is closed");
  }

  private boolean lockedInTheStore(String key) {
    return await(fixture.storeB().isLocked(prefix + key));
  }

  @Test
  void everyLaterCallFailsClearlyOnTheInstanceAndOnEverythingMadeFromIt() {
    Cachify cachify = instance(fixture.storeA());
    AtomicInteger runs = new AtomicInteger();
    Fn<Integer> fn = Fn.of("x", (Integer x) -> Future.succeededFuture(runs.incrementAndGet()));
    BlockingFn<Integer> blockingFn = BlockingFn.of("x", (Integer x) -> runs.incrementAndGet());
    Lock lock = cachify.lock("lock");
    LockedBuilder lockedBuilder = cachify.locked("locked-{x}");
    LockedFunction<Integer> locked = cachify.locked("locked-{x}").wrap(fn);
    BlockingLockedFunction<Integer> lockedBlocking = cachify.locked("locked-{x}").wrapBlocking(blockingFn);
    OnceBuilder<Object> onceBuilder = cachify.once("once-{x}");
    OnceFunction<Integer> once = cachify.once("once-{x}").onLocked(Fallback.returning(-1)).wrap(fn);
    BlockingOnceFunction<Integer> onceBlocking = cachify.once("once-{x}").onLocked(Fallback.returning(-1))
      .wrapBlocking(blockingFn);
    Pool pool = cachify.pool("pool", 2);
    PooledBuilder<Object> pooledBuilder = cachify.pooled("pooled-{x}", 1);
    PooledFunction<Integer> pooled = cachify.pooled("pooled-{x}", 1).wrap(fn);
    BlockingPooledFunction<Integer> pooledBlocking = cachify.pooled("pooled-{x}", 1).wrapBlocking(blockingFn);
    LockHandle handle = await(cachify.lock("held").acquire());
    LockHandle byToken = cachify.lock("held").handle(handle.token());
    PoolSlot slot = await(cachify.pool("slots", 1).acquire());
    CachedFunction<Integer> cached = cachify.cached("cached-{x}").as(Integer.class).wrap(fn);
    BlockingCachedFunction<Integer> cachedBlocking = cachify.cached("cached-{x}").as(Integer.class)
      .wrapBlocking(blockingFn);
    CacheEntry<Object> entry = cachify.entry("entry");
    await(entry.set("kept"));

    await(cachify.close());

    assertThat(cachify.isClosed()).isTrue();
    // The entry points, the cache's included.
    assertClosed(() -> cachify.lock("lock"));
    assertClosed(() -> cachify.locked("locked-{x}"));
    assertClosed(() -> cachify.once("once-{x}"));
    assertClosed(() -> cachify.pool("pool", 2));
    assertClosed(() -> cachify.pooled("pooled-{x}", 1));
    assertClosed(() -> cachify.cached("cached-{x}"));
    assertClosed(() -> cachify.entry("entry"));
    assertClosed(cachify.isLocked("lock"));
    assertClosed(cachify.withLock("lock", () -> Future.succeededFuture(runs.incrementAndGet())));
    // A lock and its handles.
    assertClosed(lock.acquire());
    assertClosed(lock.isLocked());
    assertClosed(lock.withLock(() -> Future.succeededFuture(runs.incrementAndGet())));
    assertClosed(lock.withLock(held -> Future.succeededFuture(runs.incrementAndGet())));
    assertClosed(lock::acquireBlocking);
    assertClosed(lock::isLockedBlocking);
    assertClosed(() -> lock.withLockBlocking(runs::incrementAndGet));
    assertClosed(handle.release());
    assertClosed(handle.extend(Ttl.seconds(30)));
    assertClosed(handle::releaseBlocking);
    assertClosed(byToken.release());
    // The wrappers, and builders made before the close.
    assertClosed(locked.call(1));
    assertClosed(locked.callNamed(java.util.Map.of("x", 1)));
    assertClosed(locked.isLocked(1));
    assertClosed(locked.release(1));
    assertClosed(() -> lockedBlocking.call(1));
    assertClosed(() -> lockedBlocking.isLocked(1));
    assertClosed(() -> lockedBlocking.release(1));
    assertClosed(once.call(1)); // not its fallback: the instance is gone, not the key busy
    assertClosed(once.isLocked(1));
    assertClosed(once.release(1));
    assertClosed(() -> onceBlocking.call(1));
    assertClosed(() -> lockedBuilder.wrap(fn));
    assertClosed(() -> onceBuilder.wrap(fn));
    // Cached functions and entries made before the close.
    assertClosed(cached.call(1));
    assertClosed(cached.callEncoded(1));
    assertClosed(cached.callNamed(java.util.Map.of("x", 1)));
    assertClosed(cached.reset(1));
    assertClosed(() -> cachedBlocking.call(1));
    assertClosed(entry.get());
    assertClosed(entry.set("other"));
    assertClosed(entry.reset());
    assertClosed(entry.getOrLoad(() -> Future.succeededFuture(runs.incrementAndGet())));
    // Pools, slots and pooled wrappers.
    assertClosed(pool.acquire());
    assertClosed(pool.size());
    assertClosed(pool.withSlot(() -> Future.succeededFuture(runs.incrementAndGet())));
    assertClosed(pool::sizeBlocking);
    assertClosed(() -> pool.withSlotBlocking(runs::incrementAndGet));
    assertClosed(slot.release());
    assertClosed(pool.slot(slot.id()).release());
    assertClosed(pooled.call(1));
    assertClosed(pooled.size(1));
    assertClosed(() -> pooledBlocking.call(1));
    assertClosed(() -> pooledBlocking.size(1));
    assertClosed(() -> pooledBuilder.wrap(fn));

    assertThat(runs).as("no function ran").hasValue(0);
    assertThat(await(cachify.close())).as("closing again").isNull();
    assertThat(cachify.close()).as("one future for every close").isSameAs(cachify.close());
    assertThat(cachify.prefix()).as("its settings still answer").isEqualTo(prefix);
  }

  @Test
  void itReleasesWhatItHoldsForWorkHereAndNoLongerRenewsItsLeases() {
    ExtendCountingStore store = new ExtendCountingStore(fixture.storeA());
    Cachify cachify = instance(store);
    LockHandle lease = await(cachify.lock("lease").exp(Ttl.NEVER).acquire());
    Promise<Integer> body = Promise.promise();
    AtomicReference<LockHandle> scopedLock = new AtomicReference<>();
    Future<Integer> scope = cachify.lock("scope").withLock(held -> {
      scopedLock.set(held);
      return body.future();
    });
    Future<Integer> onceCall = cachify.once("job-{x}").wrap(Fn.of("x", (Integer x) -> body.future())).call(1);
    Future<Integer> slotScope = cachify.pool("slots", 2).withSlot(body::future);
    Future<Integer> pooledCall = cachify.pooled("pooled-{x}", 1).wrap(Fn.of("x", (Integer x) -> body.future())).call(1);
    LockHandle bare = await(cachify.lock("bare").exp(Ttl.seconds(30)).acquire());
    given().await().atMost(Duration.ofSeconds(5)).until(() -> lockedInTheStore("scope")
      && lockedInTheStore("job-1-once") && poolSize("slots", 2) == 1 && poolSize("pooled-1-pool", 1) == 1
      && store.renewals.get() >= 1); // the lease has been renewed at least once

    await(cachify.close());
    int renewalsAtClose = store.renewals.get();

    // Released at once, owner-only: not after the lease, nor after the 30 s expiry.
    assertThat(lockedInTheStore("lease")).isFalse();
    assertThat(lockedInTheStore("scope")).isFalse();
    assertThat(lockedInTheStore("job-1-once")).isFalse();
    assertThat(poolSize("slots", 2)).isZero();
    assertThat(poolSize("pooled-1-pool", 1)).isZero();
    assertThat(lockedInTheStore("bare")).as("a bare acquire is left to its holder and its expiry").isTrue();
    assertThat(await(lease.lost())).contains("closed");
    assertThat(await(scopedLock.get().lost())).as("the body learns its lock is gone").contains("closed");
    assertThat(bare.lost().isComplete()).isFalse();
    // Three leases on, nothing renewed the lease nor took it again.
    given().await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3))
      .until(() -> store.renewals.get() == renewalsAtClose && !lockedInTheStore("lease"));

    body.complete(7);
    assertThat(await(scope)).as("a scope ends with its body's outcome").isEqualTo(7);
    assertThat(await(onceCall)).isEqualTo(7);
    assertThat(await(slotScope)).isEqualTo(7);
    assertThat(await(pooledCall)).isEqualTo(7);
    await(fixture.storeB().delete(prefix + "bare"));
  }

  @Test
  void aWaitingAcquisitionFailsAtTheCloseInsteadOfHanging() throws Exception {
    Cachify other = instance(fixture.storeB());
    LockHandle heldElsewhere = await(other.lock("busy").exp(Ttl.seconds(60)).acquire());
    LockHandle wrapperKeyHeldElsewhere = await(other.lock("busy-lock").exp(Ttl.seconds(60)).acquire());
    Cachify cachify = instance(fixture.storeA());
    Future<LockHandle> waiting = cachify.lock("busy").nowait(false).acquire(); // no timeout: for ever
    Future<Integer> waitingWrapper = cachify.locked("busy").nowait(false)
      .wrap(Fn.of(() -> Future.succeededFuture(1))).call();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<LockHandle> waitingBlocking = thread.submit(
        () -> cachify.lock("busy").nowait(false).acquireBlocking());
      given().await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> !waiting.isComplete() && !waitingWrapper.isComplete() && !waitingBlocking.isDone());

      await(cachify.close());

      assertClosed(waiting);
      assertClosed(waitingWrapper);
      assertThatThrownBy(() -> waitingBlocking.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(CachifyClosedException.class);
    } finally {
      thread.shutdownNow();
    }
    assertThat(lockedInTheStore("busy")).as("the other holder's lock is untouched").isTrue();
    await(heldElsewhere.release());
    await(wrapperKeyHeldElsewhere.release());
    given().await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
      .until(() -> !lockedInTheStore("busy") && !lockedInTheStore("busy-lock")); // its waiters took nothing
    await(other.close());
  }

  @Test
  void aStoreTheCallerPassedInStaysOpenAndUsable() {
    Store given = fixture.storeA();
    Cachify cachify = instance(given);
    await(cachify.lock("held").exp(Ttl.NEVER).acquire());
    await(given.set(prefix + "kept", Buffer.buffer("v"), null));

    await(cachify.close());

    assertThat(await(given.get(prefix + "kept"))).isEqualTo(Buffer.buffer("v"));
    Cachify next = instance(given);
    LockHandle taken = await(next.lock("held").acquire());
    assertThat(await(next.isLocked("held"))).isTrue();
    assertThat(await(taken.release())).isTrue();
    await(next.close());
    await(given.delete(prefix + "kept"));
  }

  private int poolSize(String key, int maxSize) {
    return await(fixture.storeB().poolSize(prefix + key, maxSize));
  }

  /** Counts the lease renewals (compare-and-expire calls) an instance sends. */
  private static final class ExtendCountingStore extends ForwardingStore {

    final AtomicInteger renewals = new AtomicInteger();

    ExtendCountingStore(Store delegate) {
      super(delegate);
    }

    @Override
    public Future<Boolean> extendLock(String key, String token, Duration ttl) {
      renewals.incrementAndGet();
      return delegate.extendLock(key, token, ttl);
    }
  }
}
