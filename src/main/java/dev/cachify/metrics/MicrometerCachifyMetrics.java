package dev.cachify.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link CachifyMetrics} on a Micrometer registry. A hit costs one counter increment: a wrapper's
 * meters are registered when it is built. In Prometheus text (names as exposed):
 * <table>
 *   <caption>The series and what they count</caption>
 *   <tr><td>{@code cachify_cache_hits_total}, {@code _misses_total}, {@code _coalesced_total}</td><td>per {@code cache} (the key template)</td></tr>
 *   <tr><td>{@code cachify_cache_loads_seconds}</td><td>time in the function on a miss, per {@code cache} and {@code outcome}</td></tr>
 *   <tr><td>{@code cachify_lock_wait_seconds}</td><td>from asking to taking ({@code outcome=acquired}) or giving up ({@code refused})</td></tr>
 *   <tr><td>{@code cachify_lock_held_seconds}</td><td>from taking to releasing</td></tr>
 *   <tr><td>{@code cachify_lock_renewals_total}, {@code cachify_lock_lost_total}</td><td>lease renewals, locks lost while held</td></tr>
 *   <tr><td>{@code cachify_once_refused_total}</td><td>per {@code once} template: calls refused while another ran</td></tr>
 *   <tr><td>{@code cachify_pool_full_total}</td><td>per {@code pool}: callers refused a slot</td></tr>
 *   <tr><td>{@code cachify_store_errors_total}</td><td>per {@code store} and {@code operation}</td></tr>
 * </table>
 *
 * <pre>{@code
 * Store store = RedisStore.create(vertx, url);
 * Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store)
 *     .setMetrics(new MicrometerCachifyMetrics(registry, store.name())));
 * }</pre>
 */
public final class MicrometerCachifyMetrics implements CachifyMetrics {

  private final MeterRegistry registry;
  private final String store;
  private final Timer lockAcquired;
  private final Timer lockRefused;
  private final Timer lockHeld;
  private final Counter renewals;
  private final Counter lost;

  /**
   * Metrics on {@code registry}; the lock timers and counters are registered at once.
   *
   * @param registry where the meters are registered
   * @param store    the store's name ({@code Store.name()}), a tag of the store errors
   * @throws NullPointerException when an argument is {@code null}
   */
  public MicrometerCachifyMetrics(MeterRegistry registry, String store) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.store = Objects.requireNonNull(store, "store");
    Timer.Builder wait = Timer.builder("cachify.lock.wait").description("Time from asking for a lock to taking it or giving up");
    this.lockAcquired = wait.tag("outcome", "acquired").register(registry);
    this.lockRefused = wait.tag("outcome", "refused").register(registry);
    this.lockHeld = Timer.builder("cachify.lock.held").description("Time a lock was held, from taking to releasing")
      .register(registry);
    this.renewals = Counter.builder("cachify.lock.renewals").description("Lease renewals of held locks")
      .register(registry);
    this.lost = Counter.builder("cachify.lock.lost")
      .description("Locks lost while held: taken away, or their lease or expiry ran out").register(registry);
  }

  @Override
  public CacheMeter cache(String name) {
    return new MicrometerCacheMeter(registry, name);
  }

  @Override
  public void lockAcquired(long waitNanos) {
    lockAcquired.record(waitNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void lockRefused(long waitNanos) {
    lockRefused.record(waitNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void lockReleased(long heldNanos) {
    lockHeld.record(heldNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void lockRenewed() {
    renewals.increment();
  }

  @Override
  public void lockLost() {
    lost.increment();
  }

  @Override
  public void onceRefused(String name) {
    Counter.builder("cachify.once.refused").description("once calls refused while another call of their key ran")
      .tag("once", name).register(registry).increment();
  }

  @Override
  public void poolFull(String name) {
    Counter.builder("cachify.pool.full").description("Callers refused a slot by a full pool")
      .tag("pool", name).register(registry).increment();
  }

  @Override
  public void storeError(String operation) {
    Counter.builder("cachify.store.errors").description("Store operations that failed: unreachable, timed out, refused")
      .tag("store", store).tag("operation", operation).register(registry).increment();
  }

  /** One cached wrapper's meters, registered once. */
  private static final class MicrometerCacheMeter implements CacheMeter {

    private final Counter hits;
    private final Counter misses;
    private final Counter coalesced;
    private final Timer loaded;
    private final Timer loadFailed;

    MicrometerCacheMeter(MeterRegistry registry, String cache) {
      hits = Counter.builder("cachify.cache.hits").description("Calls answered from the cache")
        .tag("cache", cache).register(registry);
      misses = Counter.builder("cachify.cache.misses").description("Calls that found no entry")
        .tag("cache", cache).register(registry);
      coalesced = Counter.builder("cachify.cache.coalesced")
        .description("Missed calls that waited for another caller's load instead of loading")
        .tag("cache", cache).register(registry);
      Timer.Builder loads = Timer.builder("cachify.cache.loads").description("Time in the cached function on a miss")
        .tag("cache", cache);
      loaded = loads.tag("outcome", "success").register(registry);
      loadFailed = loads.tag("outcome", "failure").register(registry);
    }

    @Override
    public void hit() {
      hits.increment();
    }

    @Override
    public void miss() {
      misses.increment();
    }

    @Override
    public void coalesced() {
      coalesced.increment();
    }

    @Override
    public void loaded(long nanos, boolean failed) {
      (failed ? loadFailed : loaded).record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
